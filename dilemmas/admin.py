from django.contrib import admin

from portal.redactie.record_admin import KeepsVersionsAdmin

from .models import AnswerOption, Dilemma


def _on_published_sheet(dilemma) -> bool:
    return dilemma is not None and dilemma.themabladen.published_or_archived().exists()


class AnswerOptionInline(admin.TabularInline):
    model = AnswerOption
    fields = ["position", "label", "text"]
    extra = 0

    # What employees read on a published sheet changes only through that sheet's review.
    def has_add_permission(self, request, obj=None):
        return not _on_published_sheet(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _on_published_sheet(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _on_published_sheet(obj) and super().has_delete_permission(request, obj)


@admin.register(Dilemma)
class DilemmaAdmin(KeepsVersionsAdmin):
    """A dilemma can be placed on several sheets; its text is edited on a sheet's page.

    Its trainer notes and tags are edited here; on a dilemma a published sheet shows, a change
    to them waits for a second integriteitsfunctionaris (redactie/record_review.py).
    """

    list_display = ["__str__", "sheets_display"]
    search_fields = ["title", "question"]
    fields = ["title", "question", "trainer_notes", "tags"]
    inlines = [AnswerOptionInline]

    @admin.display(description="themabladen")
    def sheets_display(self, obj):
        return ", ".join(str(sheet) for sheet in obj.themabladen.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themabladen")

    def get_readonly_fields(self, request, obj=None):
        if _on_published_sheet(obj):
            return ["title", "question"]
        return []

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def change_view(self, request, object_id, form_url="", extra_context=None):
        dilemma = self.get_object(request, object_id)
        if _on_published_sheet(dilemma):
            extra_context = {
                **(extra_context or {}),
                "title": "Dilemma – de vraag en antwoorden bewerkt u op de pagina van het "
                "themablad; hier alleen trefwoorden en aantekeningen voor trainers",
            }
        return super().change_view(request, object_id, form_url, extra_context)
