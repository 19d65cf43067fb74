import re

from django import forms

from .models import Dilemma, DilemmaPlacement
from .services import create_dilemma, option_pairs, set_dilemma_text

_OPTION = re.compile(r"^\s*([A-Za-z])\s*[.)]\s+(.*)$")


def parse_options(text: str) -> list[tuple[str, str]]:
    """Answer options typed one a line, "A. Ja, want …"; lines without a letter get the next one."""
    options = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = _OPTION.match(line)
        label, answer = (match[1].upper(), match[2].strip()) if match else ("", line.strip())
        options.append((label or chr(ord("A") + len(options)), answer))
    return options


def format_options(dilemma: Dilemma) -> str:
    return "\n".join(f"{label}. {text}" for label, text in option_pairs(dilemma))


class DilemmaPlacementForm(forms.ModelForm):
    """A dilemma on a sheet, with its text: edited here so that changes go through review."""

    dilemma_title = forms.CharField(label="Titel van het dilemma", required=False, max_length=200)
    question = forms.CharField(
        label="Vraag", required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )
    options = forms.CharField(
        label="Antwoordmogelijkheden",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Eén antwoord per regel, bijvoorbeeld ‘A. Ja, want …’. Staat een dilemma op "
        "meer themabladen, dan verandert de tekst op al die bladen.",
    )

    class Meta:
        model = DilemmaPlacement
        fields = ["position", "dilemma"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dilemma"].required = False
        self.fields[
            "dilemma"
        ].help_text = (
            "Kies een bestaand dilemma, of laat dit leeg en schrijf hieronder een nieuwe vraag."
        )
        if self.instance.pk and self.instance.dilemma_id:
            dilemma = self.instance.dilemma
            self.initial.update(
                {
                    "dilemma_title": dilemma.title,
                    "question": dilemma.question,
                    "options": format_options(dilemma),
                }
            )

    def clean(self):
        cleaned = super().clean()
        dilemma = cleaned.get("dilemma")
        question = (cleaned.get("question") or "").strip()
        switched = (
            self.instance.pk and dilemma is not None and dilemma.pk != self.instance.dilemma_id
        )
        if dilemma is None and not question:
            raise forms.ValidationError(
                "Kies een bestaand dilemma of schrijf de vraag van een nieuw dilemma."
            )
        # Picking another (or an existing) dilemma without typing a question keeps its own text.
        self.keep_text = dilemma is not None and (
            switched or (not self.instance.pk and not question)
        )
        if not self.keep_text and not question:
            self.add_error("question", "De vraag van het dilemma mag niet leeg zijn.")
        cleaned["question"] = question
        cleaned["parsed_options"] = parse_options(cleaned.get("options", ""))
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        if data.get("dilemma") is None:
            self.instance.dilemma = create_dilemma(
                title=data.get("dilemma_title", ""), question=data["question"]
            )
        placement = super().save(commit=commit)
        if commit and not self.keep_text:
            set_dilemma_text(
                dilemma=placement.dilemma,
                title=data.get("dilemma_title", ""),
                question=data["question"],
                options=data["parsed_options"],
            )
        return placement
