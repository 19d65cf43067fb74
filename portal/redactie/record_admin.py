"""Admin pages of shared records keep every saved state, shown and restorable under Geschiedenis.

Where employees see the record (redactie/record_review.py), saving the page proposes the change
for review instead of saving it; the page then shows that change until it is decided.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone

from . import record_review
from .models import RecordVersion
from .record_versions import (
    TAGS,
    Change,
    changes,
    has_tags,
    keep_version,
    record_state,
    versions_of,
)

DIRECT = (
    "Dit gegeven staat op geen gepubliceerd themablad; medewerkers zien het niet, dus het is "
    "zonder beoordeling opgeslagen. Zodra een gepubliceerd themablad het toont, gaat elke "
    "wijziging eerst langs een tweede integriteitsfunctionaris."
)
SUBMITTED = (
    "Uw wijziging is ter beoordeling ingediend. Een andere integriteitsfunctionaris beoordeelt "
    "haar; tot die haar goedkeurt, zien medewerkers de gepubliceerde versie."
)


def int_or_404(value) -> int:
    """A number from the address or a form; anything else is a page that does not exist."""
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise Http404 from error


@dataclass
class VersionRow:
    version: RecordVersion
    changes: list[Change]
    current: bool


class ReviewedRecordForm:
    """Mixed into the admin form of a reviewed record: a change note, the change in play shown
    in the fields, and a refusal when a colleague saved since the page was opened."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        change = record_review.open_change(self.instance)
        self.fields["seen_change"].initial = str(change.pk) if change else ""
        if change is None or self.is_bound:
            return
        names = {f.attname: f.name for f in self.instance._meta.concrete_fields}
        shown = record_review.shown_state(self.instance)
        for key in record_review.touched(change):
            name = names.get(key, key)
            if name in self.fields and key in shown:
                value = shown[key]
                self.initial[name] = ", ".join(value) if key == TAGS else value

    def clean(self):
        cleaned = super().clean()
        change = record_review.open_change(self.instance)
        if self.instance.pk and cleaned.get("seen_change", "") != (
            str(change.pk) if change else ""
        ):
            raise forms.ValidationError(
                "Een collega heeft dit gegeven intussen gewijzigd; uw wijzigingen zijn niet "
                "opgeslagen. Open de pagina opnieuw om de nieuwste versie te zien."
            )
        return cleaned


def _with_review_fields(form_class):
    return type(
        form_class.__name__,
        (ReviewedRecordForm, form_class),
        {
            "change_note": forms.CharField(
                label="Wijzigingsnotitie",
                required=False,
                max_length=200,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Wat heeft u veranderd en waarom? De beoordelaar en de "
                "geschiedenis tonen deze notitie.",
            ),
            # The change in play when the page was opened: a save on an older one is refused.
            "seen_change": forms.CharField(required=False, widget=forms.HiddenInput),
        },
    )


class KeepsVersionsAdmin(admin.ModelAdmin):
    object_history_template = "admin/redactie/record_history.html"
    change_form_template = "admin/redactie/record_change_form.html"

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.reviewed = record_review.is_reviewed(model)
        if self.reviewed:
            self.form = _with_review_fields(self.form)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if self.reviewed and obj is not None:
            fields += [name for name in ("change_note", "seen_change") if name not in fields]
        return fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id)) if self.reviewed else None
        if obj is not None:
            context.update(
                record_change=record_review.open_change(obj),
                record_sheets=list(record_review.published_sheets(obj)),
            )
        return super().change_view(request, object_id, form_url, context)

    def save_model(self, request, obj, form, change):
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        note = form.cleaned_data.get("change_note", "")
        if stored is not None and record_review.needs_review(stored):
            state = record_state(obj) if not has_tags(type(obj)) else self._state(obj, form)
            try:
                request._record_proposal = record_review.propose(
                    instance=stored, state=state, user=request.user, note=note
                )
            except ValidationError as error:
                request._record_proposal = error
            return  # the record keeps its published values until the change is approved
        request._record_previous = record_state(stored) if stored else None
        super().save_model(request, obj, form, change)

    def _state(self, obj, form):
        state = record_state(obj)
        if "tags" in form.cleaned_data:
            state[TAGS] = sorted(str(tag) for tag in form.cleaned_data["tags"])
        return state

    def save_related(self, request, form, formsets, change):
        if hasattr(request, "_record_proposal"):
            return  # nothing of a proposed change is saved, its tags and parts neither
        super().save_related(request, form, formsets, change)
        keep_version(
            instance=form.instance,
            previous_state=getattr(request, "_record_previous", None),
            user=request.user,
            note=form.cleaned_data.get("change_note", ""),
        )

    def construct_change_message(self, request, form, formsets, add=False):
        if hasattr(request, "_record_proposal"):  # its parts were not saved, so not counted
            return "Wijziging ter beoordeling voorgesteld"
        return super().construct_change_message(request, form, formsets, add)

    def response_add(self, request, obj, post_url_continue=None):
        if self.reviewed and not record_review.needs_review(obj):
            messages.info(request, DIRECT)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if not hasattr(request, "_record_proposal"):
            if self.reviewed:
                messages.info(request, DIRECT)
            return super().response_change(request, obj)
        outcome = request._record_proposal
        if isinstance(outcome, ValidationError):
            messages.error(request, "Niet ingediend: " + " ".join(outcome.messages))
        elif outcome is None:
            messages.info(request, "Er is niets gewijzigd; er is niets ingediend.")
        elif outcome.status == RecordVersion.Status.WITHDRAWN:
            messages.info(
                request,
                "Dit is weer gelijk aan de gepubliceerde versie; de wijziging die ter "
                "beoordeling stond, is ingetrokken.",
            )
        else:
            messages.success(request, SUBMITTED)
            return redirect(reverse("admin:redactie_recordversion_change", args=[outcome.pk]))
        return redirect(request.path)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and request.method == "POST":
            return self._restore(request, obj)
        rows = []
        if obj is not None and self.has_view_or_change_permission(request, obj):
            rows = _version_rows(obj)
        context = {
            "versions": rows,
            "can_restore": obj is not None and self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def _restore(self, request, obj):
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(versions_of(obj), pk=int_or_404(request.POST.get("version")))
        saved_at = timezone.localtime(version.saved_at).strftime("%d-%m-%Y %H:%M")
        try:
            proposal = record_review.restore(instance=obj, version=version, user=request.user)
        except ValidationError as error:
            messages.error(
                request,
                f"De versie van {saved_at} is niet teruggezet: " + " ".join(error.messages),
            )
            return redirect(request.path)
        if proposal is not None:
            messages.success(
                request,
                f"De versie van {saved_at} is als wijziging ter beoordeling ingediend; een "
                "andere integriteitsfunctionaris moet haar goedkeuren.",
            )
            return redirect(reverse("admin:redactie_recordversion_change", args=[proposal.pk]))
        self.log_change(request, obj, f"Versie van {saved_at} teruggezet")
        messages.success(request, f"De versie van {saved_at} is teruggezet.")
        return redirect(request.path)


def _version_rows(obj) -> list[VersionRow]:
    """Newest first. A proposal shows what it changes against the state it was based on, a
    published version what it changed against the published version before it."""
    versions = list(versions_of(obj))
    published = [v for v in versions if v.status == RecordVersion.Status.PUBLISHED]
    rows = []
    for version in versions:
        if version.base is not None and version.status != RecordVersion.Status.PUBLISHED:
            older = version.base
        else:
            earlier = [v for v in published if (v.saved_at, v.pk) < (version.saved_at, version.pk)]
            older = earlier[0].data if earlier else None
        rows.append(
            VersionRow(
                version=version,
                changes=changes(obj, older, version.data) if older is not None else [],
                current=bool(published) and version == published[0],
            )
        )
    return rows
