from django import forms

from .models import Training, TrainingItem


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "date", "audience"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {"title": {"required": "Geef de training een titel."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["invalid"] = (
            "Vul een geldige datum in, bijv. 2026-03-14."
        )
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class NoteForm(forms.ModelForm):
    class Meta:
        model = TrainingItem
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class AddItemsForm(forms.Form):
    """The picker: ticked dilemma's, cases and culture transitions, by id."""

    dilemma = forms.TypedMultipleChoiceField(coerce=int, required=False)
    casus = forms.TypedMultipleChoiceField(coerce=int, required=False)
    transitie = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, dilemma_ids=(), casus_ids=(), transition_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dilemma"].choices = [(pk, pk) for pk in dilemma_ids]
        self.fields["casus"].choices = [(pk, pk) for pk in casus_ids]
        self.fields["transitie"].choices = [(pk, pk) for pk in transition_ids]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = (
                "Een gekozen onderdeel bestaat niet (meer); kies opnieuw."
            )

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("dilemma", "casus", "transitie")):
            raise forms.ValidationError("Kies ten minste één dilemma, casus of cultuurtransitie.")
        return data
