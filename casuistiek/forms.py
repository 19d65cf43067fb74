from django import forms

from .ecli import InvalidECLI, find_ecli, normalize_ecli
from .models import Casus, Uitspraak
from .services import ruling_eclis, set_rulings


def read_ecli(value: str) -> str:
    """The normal form of an ECLI typed in any common spelling, or InvalidECLI (Dutch message)."""
    try:
        return normalize_ecli(value)
    except InvalidECLI:
        found = find_ecli(value)
        if found is None:
            raise
        return found


class UitspraakForm(forms.ModelForm):
    class Meta:
        model = Uitspraak
        fields = ["ecli", "summary"]

    def clean_ecli(self):
        try:
            return read_ecli(self.cleaned_data["ecli"])
        except InvalidECLI as error:
            raise forms.ValidationError(str(error), code="invalid_ecli") from error


class CasusForm(forms.ModelForm):
    """A case with its rulings typed as ECLI's, one a line, in any spelling and in order."""

    uitspraken = forms.CharField(
        label="Uitspraken (ECLI)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        help_text="Eén ECLI per regel, bijvoorbeeld ECLI:NL:CRVB:2018:3429. Spaties en kleine "
        "letters worden hersteld; een nieuwe uitspraak wordt vanzelf aangemaakt.",
    )

    add_uitspraak = forms.ModelChoiceField(
        label="Bestaande uitspraak toevoegen",
        queryset=Uitspraak.objects.all(),
        required=False,
        help_text="Zoek op ECLI of samenvatting; de uitspraak komt onderaan de lijst.",
    )

    class Meta:
        model = Casus
        fields = ["position", "title", "lead_in", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib import admin
        from django.contrib.admin.widgets import AutocompleteSelect

        from .models import CasusUitspraak

        self.fields["add_uitspraak"].widget = AutocompleteSelect(
            CasusUitspraak._meta.get_field("uitspraak"), admin.site
        )
        if self.instance.pk:
            self.initial["uitspraken"] = "\n".join(ruling_eclis(self.instance))

    def clean_uitspraken(self):
        eclis, errors = [], []
        for number, line in enumerate(self.cleaned_data["uitspraken"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                ecli = read_ecli(line)
            except InvalidECLI as error:
                errors.append(f"Regel {number}: {error}")
                continue
            if ecli not in eclis:
                eclis.append(ecli)
        if errors:
            raise forms.ValidationError(errors)
        return eclis

    def clean(self):
        cleaned = super().clean()
        extra = cleaned.get("add_uitspraak")
        if (
            extra is not None
            and "uitspraken" in cleaned
            and extra.ecli not in cleaned["uitspraken"]
        ):
            cleaned["uitspraken"] = [*cleaned["uitspraken"], extra.ecli]
        return cleaned

    def save(self, commit=True):
        casus = super().save(commit=commit)
        if commit:
            set_rulings(casus=casus, eclis=self.cleaned_data.get("uitspraken") or [])
        return casus
