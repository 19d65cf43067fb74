from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from portal.redactie.record_admin import KeepsVersionsAdmin

from . import searchlog
from .models import SearchLog, Synonym


@admin.register(Synonym)
class SynonymAdmin(KeepsVersionsAdmin):
    """Editors add the words employees search with; the search page picks them up at once."""

    list_display = ["word", "alternatives"]
    search_fields = ["word", "alternatives"]
    fields = ["word", "alternatives"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        unknown = obj.unknown_alternatives()
        if unknown:
            # Not an error: the content may follow later. But a typo here silently finds nothing.
            self.message_user(
                request,
                "Let op: "
                + ", ".join(f"‘{word}’" for word in unknown)
                + " komt nog niet voor in de gepubliceerde inhoud en vindt nu dus niets.",
                messages.WARNING,
            )


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    """The report of searches that found nothing or that nobody clicked, for editors: whoever
    may read the Zoekwoorden (Redacteur, Integriteitsfunctionaris) may read it. No row is
    added, changed or deleted by hand: the counts come from searching, the deletion from
    searchlog.purge."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("search.view_synonym")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Zoekvragen zonder antwoord",
            "rows": searchlog.report(),
            "min_days": searchlog.MIN_DAYS,
            "keep_days": searchlog.KEEP_DAYS,
            "add_url": reverse("admin:search_synonym_add"),
            "can_add": request.user.has_perm("search.add_synonym"),
        }
        return TemplateResponse(request, "admin/search/report.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Single rows are not shown: only queries seen on MIN_DAYS days are (privacy).
        raise Http404
