"""Review, versions, comparison, preview, archive and the editorial overview, inside the admin."""

import contextlib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from themabladen.models import Themablad
from themabladen.views import sheet_page_extras

from . import overview, publishing, record_review_admin  # noqa: F401 (registers its admin)
from .compare import compare
from .models import AuditEntry, Revision, Stewardship
from .permissions import OPEN_STATUSES, may_withdraw
from .record_admin import int_or_404
from .snapshots import shown_with, take_snapshot


def _preview_page(sheet) -> dict:
    """The template and crumbs of the page employees would see: a sheet's or a practice page's."""
    if sheet.is_practice_page:
        return {
            "preview_base": "praktijk/detail.html",
            "breadcrumbs": [("/integriteit-in-de-praktijk/", "Integriteit in de praktijk")],
        }
    return {
        "preview_base": "themabladen/detail.html",
        "breadcrumbs": [("/themabladen/", "Themabladen")],
    }


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["themablad", "status", "author", "note_display", "updated_at"]
    list_filter = ["status"]
    search_fields = ["themablad__title", "note"]
    list_select_related = ["themablad", "author"]

    @admin.display(description="wijzigingsnotitie")
    def note_display(self, obj):
        return obj.note[:80]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("overzicht/", wrap(self.overview_view), name="redactie_overview"),
            path("vergelijk/", wrap(self.compare_view), name="redactie_compare"),
            path("<int:pk>/voorbeeld/", wrap(self.preview_view), name="redactie_preview"),
            path(
                "themablad/<int:sheet_pk>/voorbeeld/",
                wrap(self.sheet_preview_view),
                name="redactie_sheet_preview",
            ),
            path(
                "themablad/<int:sheet_pk>/geschiedenis/",
                wrap(self.sheet_history_view),
                name="redactie_history",
            ),
            *super().get_urls(),
        ]

    def _require_view(self, request):
        if not request.user.has_perm("themabladen.view_themablad"):
            raise PermissionDenied

    # -- review -------------------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._require_view(request)
        revision = get_object_or_404(
            Revision.objects.select_related("themablad", "author", "reviewer"),
            pk=int_or_404(object_id),
        )
        if request.method == "POST":
            return self._review_post(request, revision)
        latest = (
            Revision.objects.published_versions()
            .filter(themablad=revision.themablad)
            .exclude(pk=revision.pk)
            .first()
        )
        is_pending = revision.status in (Revision.Status.DRAFT, Revision.Status.SUBMITTED)
        conflicts = []
        if is_pending:
            # What approving now would publish, against what employees see now: parts changed
            # by others meanwhile are not this change's, and collisions are shown, not hidden.
            try:
                after, conflicts = publishing.state_after(revision)
            except ValidationError as error:
                after = revision.snapshot
                messages.error(request, " ".join(error.messages))
            before = take_snapshot(revision.themablad) if latest else None
            parts = compare(before, after)
        else:
            parts = compare(latest.snapshot if latest else None, revision.snapshot)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Wijziging: {revision.title}",
            "revision": revision,
            "latest": latest,
            "parts": parts,
            "changed_parts": [part.title for part in parts if part.changed],
            "conflicts": conflicts,
            "is_pending": is_pending,
            "may_approve": publishing.may_approve(revision, request.user),
            "is_own": request.user.pk in revision.editor_ids
            or request.user.pk == revision.author_id,
            "can_review": request.user.has_perm(publishing.APPROVE_PERMISSION),
            "may_withdraw": may_withdraw(revision, request.user),
            "version": publishing.current_version(revision.themablad),
        }
        return TemplateResponse(request, "admin/redactie/review.html", context)

    def _review_post(self, request, revision):
        action = request.POST.get("action")
        comment = request.POST.get("comment", "").strip()
        try:
            if action == "approve":
                publishing.approve(
                    revision=revision,
                    user=request.user,
                    comment=comment,
                    seen_version=request.POST.get("version", ""),
                )
                messages.success(
                    request, f"De wijziging is goedgekeurd en gepubliceerd: {revision.title}."
                )
            elif action == "reject":
                publishing.reject(revision=revision, user=request.user, comment=comment)
                messages.success(request, "De wijziging is teruggestuurd naar de auteur.")
            elif action == "withdraw":
                if revision.status not in OPEN_STATUSES:
                    raise ValidationError("Deze wijziging staat niet meer open.")
                if not may_withdraw(revision, request.user):
                    raise ValidationError(
                        "Alleen de auteur van deze wijziging of een integriteitsfunctionaris kan "
                        "haar intrekken."
                    )
                if not request.POST.get("confirm"):
                    raise ValidationError("Vink aan dat u de wijziging wilt intrekken.")
                publishing.withdraw(themablad=revision.themablad, user=request.user)
                messages.success(
                    request,
                    "De wijziging is ingetrokken. U kunt haar weer oppakken onder ‘Versies’.",
                )
            elif action == "submit":
                if not request.user.has_perm("themabladen.change_themablad"):
                    raise PermissionDenied
                publishing.submit(themablad=revision.themablad, user=request.user, note=comment)
                messages.success(request, "De wijziging is ingediend ter beoordeling.")
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(reverse("admin:redactie_revision_change", args=[revision.pk]))

    # -- preview ------------------------------------------------------------------------------

    def _render_preview(self, request, sheet, change, label):
        """The sheet as employees would see it with `change` ((base, proposed), or None)."""
        back_url = reverse("admin:themabladen_themablad_change", args=[sheet.pk])
        shown = (
            shown_with(sheet, base=change[0], proposed=change[1])
            if change is not None
            else contextlib.nullcontext(None)
        )
        try:
            with shown as applied:
                if applied is not None and applied.problems:
                    raise ValidationError(applied.problems)
                themablad = Themablad.objects.with_sections().get(pk=sheet.pk)
                response = TemplateResponse(
                    request,
                    "redactie/preview.html",
                    {
                        "themablad": themablad,
                        **sheet_page_extras(themablad),
                        **_preview_page(sheet),
                        "preview_label": label,
                        "print_layout": request.GET.get("afdruk") == "1",
                        "back_url": back_url,
                    },
                )
                response.render()  # while the change is in the database
        except ValidationError as error:
            messages.error(request, "Geen voorbeeld mogelijk: " + " ".join(error.messages))
            return redirect(back_url)
        response["X-Robots-Tag"] = "noindex"
        return response

    def preview_view(self, request, pk):
        self._require_view(request)
        revision = get_object_or_404(Revision.objects.select_related("themablad"), pk=pk)
        label = f"{revision.get_status_display()} – {revision.note or 'zonder notitie'}"
        if revision.status in (Revision.Status.DRAFT, Revision.Status.SUBMITTED):
            change = (revision.base, revision.snapshot)
        else:  # an earlier version, shown whole
            change = (take_snapshot(revision.themablad), revision.snapshot)
        return self._render_preview(request, revision.themablad, change, label)

    def sheet_preview_view(self, request, sheet_pk):
        self._require_view(request)
        sheet = get_object_or_404(Themablad, pk=sheet_pk)
        pending = publishing.pending_revision(sheet)
        if pending is not None:
            return self._render_preview(
                request, sheet, (pending.base, pending.snapshot), "wijziging in bewerking"
            )
        label = f"{sheet.get_status_display().lower()}; er is geen wijziging in bewerking"
        return self._render_preview(request, sheet, None, label)

    # -- history, comparison, restore, archive ------------------------------------------------

    def sheet_history_view(self, request, sheet_pk):
        self._require_view(request)
        sheet = get_object_or_404(Themablad, pk=sheet_pk)
        if request.method == "POST":
            return self._history_post(request, sheet)
        versions = list(
            Revision.objects.published_versions()
            .filter(themablad=sheet)
            .select_related("author", "reviewer")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Versies van ‘{sheet}’",
            "themablad": sheet,
            "versions": versions,
            "pending": publishing.pending_revision(sheet),
            "withdrawn": Revision.objects.filter(
                themablad=sheet, status=Revision.Status.WITHDRAWN
            ).select_related("author")[:20],
            "can_edit": request.user.has_perm("themabladen.change_themablad"),
            "can_archive": request.user.has_perm(publishing.ARCHIVE_PERMISSION),
            "is_archived": sheet.status == Themablad.Status.ARCHIVED,
            "audit": sheet.audit_entries.select_related("user")[:50]
            if request.user.has_perm("redactie.view_auditentry")
            else None,
        }
        return TemplateResponse(request, "admin/redactie/history.html", context)

    def _history_post(self, request, sheet):
        action = request.POST.get("action")
        try:
            if action == "restore":
                if not request.user.has_perm("themabladen.change_themablad"):
                    raise PermissionDenied
                version = get_object_or_404(
                    Revision, pk=int_or_404(request.POST.get("version")), themablad=sheet
                )
                revision = publishing.restore(version=version, user=request.user)
                messages.success(
                    request,
                    "De eerdere versie is als nieuwe wijziging ingediend; een andere "
                    "integriteitsfunctionaris moet haar goedkeuren.",
                )
                return redirect(reverse("admin:redactie_revision_change", args=[revision.pk]))
            if action == "reopen":
                if not request.user.has_perm("themabladen.change_themablad"):
                    raise PermissionDenied
                withdrawn = get_object_or_404(
                    Revision, pk=int_or_404(request.POST.get("version")), themablad=sheet
                )
                publishing.reopen(withdrawn=withdrawn, user=request.user)
                messages.success(request, "De ingetrokken wijziging staat weer in bewerking.")
                return redirect(reverse("admin:themabladen_themablad_change", args=[sheet.pk]))
            if action == "archive":
                publishing.archive(
                    themablad=sheet, user=request.user, comment=request.POST.get("comment", "")
                )
                messages.success(request, "Het themablad is gearchiveerd en niet meer zichtbaar.")
            elif action == "unarchive":
                publishing.unarchive(themablad=sheet, user=request.user)
                messages.success(request, "Het themablad is uit het archief teruggezet.")
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(reverse("admin:redactie_history", args=[sheet.pk]))

    def compare_view(self, request):
        self._require_view(request)
        old = get_object_or_404(Revision, pk=int_or_404(request.GET.get("a")))
        new = get_object_or_404(Revision, pk=int_or_404(request.GET.get("b")))
        if old.themablad_id != new.themablad_id:
            raise Http404
        if (old.published_at or old.updated_at) > (new.published_at or new.updated_at):
            old, new = new, old
        parts = compare(old.snapshot, new.snapshot)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Versies vergelijken: {new.title}",
            "themablad": new.themablad,
            "old": old,
            "new": new,
            "parts": parts,
            "changed_parts": [part.title for part in parts if part.changed],
        }
        return TemplateResponse(request, "admin/redactie/compare.html", context)

    def overview_view(self, request):
        self._require_view(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Overzicht redactie",
            **overview.build(),
        }
        return TemplateResponse(request, "admin/redactie/overview.html", context)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "themablad", "user", "comment"]
    list_filter = ["action"]
    search_fields = ["themablad__title", "comment"]
    list_select_related = ["themablad", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _RowLabelledForm:
    """A row of an editable list: its fields are named by column and sheet ("Eigenaar, Social
    media"), as the column header alone does not label them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for field in self.fields.values():
                # The admin wraps a choice in a widget that shares its attrs: set the inner one's.
                widget = getattr(field.widget, "widget", field.widget)
                label = f"{capfirst(field.label)}, {self.instance.themablad}"
                widget.attrs = {**widget.attrs, "aria-label": label}


@admin.register(Stewardship)
class StewardshipAdmin(admin.ModelAdmin):
    list_display = ["themablad_display", "owner", "next_review", "last_reviewed"]
    list_editable = ["owner", "next_review"]
    # The sheet's name links to the sheet; a second link around it would nest <a> in <a>.
    list_display_links = None
    list_select_related = ["themablad", "owner"]
    ordering = ["next_review"]
    fields = ["themablad", "owner", "next_review", "last_reviewed"]
    readonly_fields = ["themablad", "last_reviewed"]

    @admin.display(description="themablad", ordering="themablad__number")
    def themablad_display(self, obj):
        url = reverse("admin:themabladen_themablad_change", args=[obj.themablad_id])
        return format_html('<a href="{}">{}</a>', url, obj.themablad)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return type("StewardshipRowForm", (_RowLabelledForm, form), {})

    def changelist_view(self, request, extra_context=None):
        overview.ensure_stewardships()
        return super().changelist_view(request, extra_context)


admin.site.index_template = "admin/redactie_index.html"
