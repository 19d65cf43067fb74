from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms.models import BaseInlineFormSet

from .models import ContactPoint, Guideline, Law, LegalReference, Themablad

HTTP_ONLY = URLValidator(
    schemes=["http", "https"],
    message="Gebruik een volledig webadres dat begint met http:// of https://.",
)


class ThemabladForm(forms.ModelForm):
    change_note = forms.CharField(
        label="Wijzigingsnotitie",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Wat heeft u veranderd en waarom? De beoordelaar en de versiegeschiedenis tonen "
        "deze notitie; na goedkeuring lezen medewerkers haar ook onder Wijzigingen (en in de "
        "Atom-feed) en op het themablad.",
    )
    # The edit counter the page was opened with: a save based on an older count is refused.
    edit_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Themablad
        fields = [*Themablad.CONTENT_FIELDS, "tags"]


class GuidelineForm(forms.ModelForm):
    url = forms.URLField(label="adres", max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Guideline
        fields = ["title", "url", "description"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url:
            HTTP_ONLY(url)
        return url


class LawForm(forms.ModelForm):
    official_url = forms.URLField(
        label="officiële tekst",
        required=False,
        assume_scheme="https",
        help_text="Alleen nodig als er geen BWB-id is (AVG).",
    )

    class Meta:
        model = Law
        fields = ["key", "name", "abbreviation", "bwb_id", "official_url"]

    def clean_official_url(self):
        url = self.cleaned_data["official_url"]
        if url:
            HTTP_ONLY(url)
        return url


class LegalReferenceForm(forms.ModelForm):
    class Meta:
        model = LegalReference
        fields = ["position", "law", "article", "lid", "sub", "label"]


class PartFormSet(BaseInlineFormSet):
    """The rows of one part of a sheet in the admin.

    `unique_field` names the record a sheet names at most once (a dilemma, a guideline, a
    related sheet). Two rows that swap their records would collide while being saved one after
    the other, so rows that get another record are taken out first and saved back in.
    """

    unique_field = ""

    def save_existing_objects(self, commit=True):
        if self.unique_field and commit:
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if self.unique_field in form.changed_data and not self._should_delete_form(form)
            ]
            self.model.objects.filter(pk__in=moving).delete()
        return super().save_existing_objects(commit)


def _remaining(formset, *fields) -> list:
    """The forms of a part that stay and hold text in one of `fields`."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and any((form.cleaned_data.get(name) or "").strip() for name in fields)
    ]


def _is_practice_page(formset) -> bool:
    return getattr(formset.instance, "kind", "") == Themablad.Kind.PRAKTIJK


class KaderFormSet(PartFormSet):
    def clean(self):
        super().clean()
        sheet_form_available = getattr(self.instance, "available", True)
        if _is_practice_page(self):
            return  # its text is its Uitleg (TextBlockFormSet)
        remaining = _remaining(self, "text")
        if sheet_form_available and not remaining:
            raise ValidationError(
                "Het kader is leeg. Een themablad waarvan de tekst beschikbaar is, heeft minstens "
                "één kaderbepaling nodig; of zet ‘tekst beschikbaar’ uit."
            )


class TextBlockFormSet(PartFormSet):
    def clean(self):
        super().clean()
        if not _is_practice_page(self) or not getattr(self.instance, "available", True):
            return
        if not _remaining(self, "heading", "text", "table"):
            raise ValidationError(
                "De uitleg is leeg. Een pagina ‘Integriteit in de praktijk’ heeft minstens één "
                "tekstblok nodig; of zet ‘tekst beschikbaar’ uit."
            )


class RelatedFormSet(PartFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            target = (form.cleaned_data or {}).get("to_themablad")
            if (
                target is not None
                and not form.cleaned_data.get("DELETE")
                and self.instance.pk
                and target.pk == self.instance.pk
            ):
                form.add_error(
                    "to_themablad", "Een themablad kan niet aan zichzelf gerelateerd zijn."
                )


class ContactPointForm(forms.ModelForm):
    url = forms.URLField(
        label="meer informatie (adres)", max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = ContactPoint
        fields = ["title", "text", "url", "position"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url:
            HTTP_ONLY(url)
        return url
