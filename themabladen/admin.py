"""The content admin for themabladen: one page per sheet with all its parts.

Saving a *published* sheet never touches what employees see: the whole save runs inside a
savepoint, the resulting sheet is captured as a snapshot and the savepoint is rolled back. The
snapshot becomes the sheet's pending change (redactie.publishing), published only after a second
integriteitsfunctionaris approves it. Opening the page of a sheet with a pending change shows that
change, by applying it inside a savepoint that is rolled back after rendering.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from casuistiek.forms import CasusForm
from casuistiek.models import Casus
from dilemmas.forms import DilemmaPlacementForm
from dilemmas.models import DilemmaPlacement
from portal.redactie import publishing
from portal.redactie.compare import compare
from portal.redactie.record_admin import KeepsVersionsAdmin
from portal.redactie.snapshots import apply_snapshot, take_snapshot

from .forms import GuidelineForm, LawForm, LegalReferenceForm, ThemabladForm
from .models import (
    Article,
    Guideline,
    KaderStatement,
    Law,
    LegalReference,
    RelatedThemablad,
    Themablad,
    ThemabladGuideline,
)


class KaderFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        sheet_form_available = getattr(self.instance, "available", True)
        remaining = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("text", "").strip()
        ]
        if sheet_form_available and not remaining:
            raise ValidationError(
                "Het kader is leeg. Een themablad waarvan de tekst beschikbaar is, heeft minstens "
                "één kaderbepaling nodig; of zet ‘tekst beschikbaar’ uit."
            )


class RelatedFormSet(BaseInlineFormSet):
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


COMPACT_TEXT = {
    models.TextField: {"widget": widgets.AdminTextareaWidget(attrs={"rows": 3, "cols": 80})}
}


class KaderInline(admin.TabularInline):
    # One row per statement: a sheet has up to twenty, stacked they filled several screens.
    model = KaderStatement
    # Plain widgets: the admin's own give text fields fixed widths (48em), too wide for a row.
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 54})},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 12})},
    }
    formset = KaderFormSet
    fields = ["position", "text", "group", "bullet"]
    extra = 0


class DilemmaPlacementInline(admin.StackedInline):
    model = DilemmaPlacement
    form = DilemmaPlacementForm
    fields = [("position", "dilemma"), "dilemma_title", "question", "options"]
    autocomplete_fields = ["dilemma"]
    extra = 0
    verbose_name = "dilemma"
    verbose_name_plural = "dilemma’s"


class CasusInline(admin.StackedInline):
    model = Casus
    formfield_overrides = COMPACT_TEXT
    form = CasusForm
    fields = [("position", "title"), "lead_in", "summary", "uitspraken"]
    extra = 0


class GuidelineInline(admin.TabularInline):
    model = ThemabladGuideline
    fields = ["position", "guideline"]
    autocomplete_fields = ["guideline"]
    extra = 0


class LegalReferenceInline(admin.TabularInline):
    model = LegalReference
    form = LegalReferenceForm
    fields = ["position", "law", "article", "lid", "sub", "label"]
    autocomplete_fields = ["law", "article"]
    extra = 0


class RelatedInline(admin.TabularInline):
    model = RelatedThemablad
    formset = RelatedFormSet
    fk_name = "from_themablad"
    fields = ["position", "to_themablad"]
    autocomplete_fields = ["to_themablad"]
    extra = 0


@admin.register(Themablad)
class ThemabladAdmin(admin.ModelAdmin):
    form = ThemabladForm
    change_form_template = "admin/themabladen/themablad/change_form.html"
    save_on_top = True
    list_display = ["number_display", "title", "status", "pending_display", "updated_at"]
    list_display_links = ["number_display", "title"]
    list_filter = ["status", "available"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["number", "title", "slug", "available", "tags"]}),
        ("Tekst", {"fields": ["inleiding", "guidelines_intro"]}),
        (
            "Wijziging",
            {
                "fields": ["change_note", "edit_version"],
                "description": "Pas hieronder de onderdelen aan (kader, dilemma’s, casuïstiek …). "
                "Kies onderaan ‘Opslaan en ter beoordeling indienen’ als uw wijziging klaar is; "
                "een andere integriteitsfunctionaris keurt haar dan goed.",
            },
        ),
    ]
    inlines = [
        KaderInline,
        DilemmaPlacementInline,
        CasusInline,
        GuidelineInline,
        LegalReferenceInline,
        RelatedInline,
    ]

    @admin.display(description="nr.", ordering="number")
    def number_display(self, obj):
        return obj.number if obj.number is not None else "–"

    @admin.display(description="wijziging open")
    def pending_display(self, obj):
        revision = publishing.pending_revision(obj)
        return revision.get_status_display() if revision else ""

    def has_delete_permission(self, request, obj=None):
        # Nothing is deleted: a sheet is archived instead, and can be brought back whole.
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            form.base_fields["edit_version"].initial = publishing.current_version(obj)
        return form

    # -- the four-eyes save -------------------------------------------------------------------

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        capture = getattr(request, "_sheet_capture", None)
        if capture is not None:
            capture["snapshot"] = take_snapshot(form.instance)

    def message_user(self, request, *args, **kwargs):
        if getattr(request, "_sheet_capture", None) is not None:
            return  # changeform_view says what really happened
        super().message_user(request, *args, **kwargs)

    def log_change(self, request, obj, message):
        if getattr(request, "_sheet_capture", None) is not None:
            return None  # the change is not applied; redactie keeps its own record
        return super().log_change(request, obj, message)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        sheet = self.get_object(request, object_id)
        if sheet is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        extra_context = {**(extra_context or {}), **self._editorial_context(request, sheet)}
        is_published = sheet.status == Themablad.Status.PUBLISHED
        with transaction.atomic():
            before = publishing.current_version(sheet)
            savepoint = transaction.savepoint()
            pending = publishing.pending_revision(sheet)
            if is_published and pending is not None:
                try:
                    apply_snapshot(sheet, pending.snapshot)
                except ValidationError as error:
                    # Something it cites was removed meanwhile; show the published version.
                    transaction.savepoint_rollback(savepoint)
                    savepoint = transaction.savepoint()
                    messages.error(
                        request,
                        "De wijziging in bewerking kan niet worden geladen: "
                        + " ".join(error.messages)
                        + " U ziet de gepubliceerde versie; opslaan vervangt de wijziging.",
                    )
            request._sheet_capture = {}
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if isinstance(response, TemplateResponse):
                response.render()  # while the draft is in the database
            captured = request._sheet_capture.get("snapshot")
            del request._sheet_capture
            if captured is None:  # a page shown, or a form with errors
                transaction.savepoint_rollback(savepoint)
                return response
            if request.POST.get("edit_version", "") != str(before):
                transaction.savepoint_rollback(savepoint)
                return self._conflict_response(request, sheet, captured)
            if is_published:
                transaction.savepoint_rollback(savepoint)
            else:
                transaction.savepoint_commit(savepoint)
            return self._after_save(request, sheet, captured)

    def _after_save(self, request, sheet, snapshot):
        note = request.POST.get("change_note", "").strip()
        revision = publishing.save_draft(
            themablad=sheet, snapshot=snapshot, user=request.user, note=note
        )
        if "_indienen" in request.POST:
            try:
                publishing.submit(themablad=sheet, user=request.user, note=note)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
                return redirect(reverse("admin:themabladen_themablad_change", args=[sheet.pk]))
            self.message_user(
                request,
                "Uw wijziging is ingediend. Een andere integriteitsfunctionaris beoordeelt haar; "
                "tot die haar goedkeurt, zien medewerkers de huidige versie.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:redactie_revision_change", args=[revision.pk]))
        if sheet.status == Themablad.Status.PUBLISHED:
            text = (
                "Uw wijziging is bewaard als concept. Medewerkers zien nog de gepubliceerde "
                "versie. Kies ‘Opslaan en ter beoordeling indienen’ als de wijziging klaar is."
            )
        else:
            text = (
                "Het themablad is bewaard als concept; medewerkers zien het nog niet. Kies "
                "‘Opslaan en ter beoordeling indienen’ als het klaar is voor publicatie."
            )
        self.message_user(request, text, messages.SUCCESS)
        if "_addanother" in request.POST:
            return redirect(reverse("admin:themabladen_themablad_add"))
        if "_save" in request.POST:
            return redirect(reverse("admin:themabladen_themablad_changelist"))
        return redirect(reverse("admin:themabladen_themablad_change", args=[sheet.pk]))

    def _conflict_response(self, request, sheet, yours):
        pending = publishing.pending_revision(sheet)
        current = pending.snapshot if pending else take_snapshot(sheet)
        return TemplateResponse(
            request,
            "admin/redactie/conflict.html",
            {
                **self.admin_site.each_context(request),
                "title": "Niet opgeslagen: een collega was u voor",
                "themablad": sheet,
                "pending": pending,
                "parts": compare(current, yours),
                "opts": self.model._meta,
            },
            status=409,
        )

    def response_add(self, request, obj, post_url_continue=None):
        stewardship = publishing.stewardship_for(obj)
        if stewardship.owner is None:
            stewardship.owner = request.user
            stewardship.save(update_fields=["owner"])
        if "_indienen" in request.POST:
            note = request.POST.get("change_note", "").strip()
            try:
                revision = publishing.submit(themablad=obj, user=request.user, note=note)
            except ValidationError as error:
                messages.warning(request, " ".join(error.messages))
            else:
                messages.success(request, "Het nieuwe themablad is ingediend ter beoordeling.")
                return redirect(reverse("admin:redactie_revision_change", args=[revision.pk]))
        return super().response_add(request, obj, post_url_continue)

    def _editorial_context(self, request, sheet):
        pending = publishing.pending_revision(sheet)
        return {
            "sheet_status": sheet.get_status_display(),
            "is_published_sheet": sheet.status == Themablad.Status.PUBLISHED,
            "pending_revision": pending,
            "can_archive": request.user.has_perm(publishing.ARCHIVE_PERMISSION),
        }


@admin.register(Guideline)
class GuidelineAdmin(KeepsVersionsAdmin):
    form = GuidelineForm
    list_display = ["title", "url"]
    search_fields = ["title", "url", "description"]

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Law)
class LawAdmin(KeepsVersionsAdmin):
    form = LawForm
    list_display = ["name", "abbreviation", "bwb_id"]
    search_fields = ["name", "abbreviation", "key", "bwb_id"]


@admin.register(Article)
class ArticleAdmin(KeepsVersionsAdmin):
    list_display = ["__str__", "law"]
    list_filter = ["law"]
    search_fields = ["number", "law__name", "law__abbreviation"]
    autocomplete_fields = ["law"]
