"""The content admin for themabladen: one page per sheet with all its parts.

Saving a sheet never touches what employees see, nor any dilemma shared with other sheets: the
whole save runs inside a savepoint, the resulting sheet is captured as a snapshot and the
savepoint is rolled back. The snapshot becomes the sheet's pending change (redactie.publishing),
applied part by part only after a second integriteitsfunctionaris approves it. Opening the page
of a sheet with a pending change shows that change, applied inside a savepoint that is rolled
back after rendering. A new sheet gets only its own row at once, as concept.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.module_loading import import_string

from portal.redactie import editing, publishing
from portal.redactie.compare import compare
from portal.redactie.record_admin import KeepsVersionsAdmin
from portal.redactie.snapshots import take_snapshot

from .forms import ContactPointForm, GuidelineForm, LawForm, PartFormSet, ThemabladForm
from .models import Article, ContactPoint, Guideline, Law, Themablad
from .sections import SECTIONS

# Stacked parts (dilemma's, cases) get the admin's own wide fields; in a table row those are too
# wide (48em), so tabular parts get plain, compact widgets.
STACKED_TEXT = {
    models.TextField: {"widget": widgets.AdminTextareaWidget(attrs={"rows": 3, "cols": 80})}
}
TABULAR_TEXT = {
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 54})},
    models.CharField: {"widget": forms.TextInput(attrs={"size": 12})},
}
NO_CHOICE = "—— kies ——"


class LabelledAutocompleteSelect(widgets.AutocompleteSelect):
    """The admin's autocomplete, its empty choice named: an empty <option> is invalid HTML and
    leaves the combobox without an accessible name."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {**super().build_attrs(base_attrs, extra_attrs), "data-placeholder": NO_CHOICE}

    def create_option(self, name, value, label, *args, **kwargs):
        label = label if value != "" else NO_CHOICE
        return super().create_option(name, value, label, *args, **kwargs)


class PartInline:
    """What every part's inline shares: folded (<details>), and autocompletes with a named empty
    choice."""

    classes = ["collapse"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, widgets.RelatedFieldWidgetWrapper):
            # A row picks a record; changing, deleting or viewing the record itself is done on
            # its own page (and is reviewed there), not from four icons in every row.
            widget.can_change_related = widget.can_delete_related = False
            widget.can_view_related = False
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LabelledAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def inline_for(section):
    """The admin inline of one part of a sheet, as the registry declares it."""
    base = admin.StackedInline if section.admin_stacked else admin.TabularInline
    options = {
        "model": section.model,
        "fk_name": section.sheet_fk,
        "fields": list(section.admin_fields),
        "autocomplete_fields": list(section.admin_autocomplete),
        "formfield_overrides": STACKED_TEXT if section.admin_stacked else TABULAR_TEXT,
        "extra": 0,
        "verbose_name": section.model._meta.verbose_name,
        "verbose_name_plural": section.label,
    }
    if section.admin_form:
        options["form"] = import_string(section.admin_form)
    formset = import_string(section.admin_formset) if section.admin_formset else PartFormSet
    unique_field = section.fields.get(section.unique_target, "").removesuffix("_id")
    options["formset"] = type(
        f"{section.model.__name__}FormSet", (formset,), {"unique_field": unique_field}
    )
    return type(f"{section.model.__name__}Inline", (PartInline, base), options)


@admin.register(Themablad)
class ThemabladAdmin(admin.ModelAdmin):
    form = ThemabladForm
    change_form_template = "admin/themabladen/themablad/change_form.html"
    list_display = ["number_display", "title", "kind", "status", "pending_display", "updated_at"]
    list_display_links = ["number_display", "title"]
    list_filter = ["kind", "status", "available"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["kind", "number", "title", "slug", "available", "tags"]}),
        ("Tekst", {"fields": ["inleiding", "guidelines_intro", "shown_with_rulings"]}),
        (
            "Wijziging",
            {
                "fields": ["change_note"],
                "description": "Pas hieronder de onderdelen aan (kader, dilemma’s, casuïstiek …). "
                "Kies onderaan ‘Ter beoordeling indienen’ als uw wijziging klaar is; een "
                "andere integriteitsfunctionaris keurt haar dan goed.",
            },
        ),
    ]
    inlines = [inline_for(section) for section in SECTIONS]

    def get_inlines(self, request, obj):
        """The parts that belong to this kind of page (a practice page has no kader, a sheet no
        Uitleg), and any part that holds rows all the same; a new page gets every part."""
        if obj is None:
            return self.inlines
        return [
            inline
            for section, inline in zip(SECTIONS, self.inlines, strict=True)
            if obj.kind in section.kinds or section.rows(obj).exists()
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
        # The sheet's parts need the page's whole width; the breadcrumbs lead back to the lists.
        extra_context = {**(extra_context or {}), "is_nav_sidebar_enabled": False}
        sheet = None
        if object_id is not None:
            sheet = self.get_object(request, object_id)
            if sheet is None:
                return super().changeform_view(request, object_id, form_url, extra_context)
            extra_context = {**extra_context, **self._editorial_context(request, sheet)}
        with editing.trial_edit(themablad=sheet) as trial:
            self._report_trial(request, trial)
            request._sheet_capture = {}
            try:
                response = super().changeform_view(request, object_id, form_url, extra_context)
                if isinstance(response, TemplateResponse):
                    response.render()  # while the change is in the database
                captured = request._sheet_capture.get("snapshot")
            finally:
                del request._sheet_capture
        if captured is None:  # a page shown, or a form with errors
            return response
        note = request.POST.get("change_note", "").strip()
        try:
            if sheet is None:
                revision = editing.start_sheet(captured=captured, user=request.user, note=note)
                sheet = revision.themablad
            else:
                revision = editing.keep_edit(
                    themablad=sheet,
                    captured=captured,
                    seen_version=request.POST.get("edit_version", ""),
                    user=request.user,
                    note=note,
                )
        except editing.StaleEdit:
            return self._conflict_response(request, sheet, captured)
        if "_indienen" in request.POST:
            try:
                publishing.submit(themablad=sheet, user=request.user, note=note)
            except ValidationError as error:  # kept as concept, not submitted
                self.message_user(request, " ".join(error.messages), messages.WARNING)
                return redirect(reverse("admin:themabladen_themablad_change", args=[sheet.pk]))
        return self._after_save(request, revision)

    def _report_trial(self, request, trial):
        if trial.load_error:
            messages.error(
                request,
                "De wijziging in bewerking kan niet worden geladen: "
                + trial.load_error
                + " U ziet de gepubliceerde versie; opslaan vervangt de wijziging.",
            )
        if request.method != "GET":
            return  # said when the page was opened
        for problem in trial.shown.problems:
            messages.error(
                request, f"De wijziging in bewerking is niet helemaal te laden: {problem}"
            )
        for conflict in trial.shown.conflicts:
            messages.warning(
                request,
                f"Intussen is gepubliceerd – {conflict.where}: «{conflict.published}». "
                f"Hieronder staat uw tekst: «{conflict.yours}». Past u hem aan of "
                "bewaart u hem zo, dan geldt uw versie.",
            )

    def _after_save(self, request, revision):
        sheet = revision.themablad
        if "_indienen" in request.POST:
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
                "versie. Kies ‘Ter beoordeling indienen’ als de wijziging klaar is."
            )
        else:
            text = (
                "Het themablad is bewaard als concept; medewerkers zien het nog niet. Kies "
                "‘Ter beoordeling indienen’ als het klaar is voor publicatie."
            )
        self.message_user(request, text, messages.SUCCESS)
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


@admin.register(ContactPoint)
class ContactPointAdmin(KeepsVersionsAdmin):
    form = ContactPointForm
    list_display = ["title", "position"]
    fields = ["title", "text", "url", "position"]

    # Loaded with the content (fixtures/aanspreekpunten.toml): a point added here would be shown
    # on the sheets at once, bypassing the review every change to it goes through.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
