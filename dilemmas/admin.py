from django.contrib import admin

from .models import AnswerOption, Dilemma


class AnswerOptionInline(admin.TabularInline):
    model = AnswerOption
    fields = ["position", "label", "text"]
    extra = 0


@admin.register(Dilemma)
class DilemmaAdmin(admin.ModelAdmin):
    """A dilemma can be placed on several sheets; it is placed on a sheet from the sheet's page."""

    list_display = ["__str__", "sheets_display"]
    search_fields = ["title", "question"]
    fields = ["title", "question", "trainer_notes", "tags"]
    inlines = [AnswerOptionInline]

    @admin.display(description="themabladen")
    def sheets_display(self, obj):
        return ", ".join(str(sheet) for sheet in obj.themabladen.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themabladen")

    def has_change_permission(self, request, obj=None):
        # Text on a published sheet changes only through that sheet's review.
        if obj is not None and obj.themabladen.published().exists():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def change_view(self, request, object_id, form_url="", extra_context=None):
        dilemma = self.get_object(request, object_id)
        if dilemma is not None and not self.has_change_permission(request, dilemma):
            extra_context = {
                **(extra_context or {}),
                "title": "Dilemma bekijken – bewerk het op de pagina van het themablad",
            }
        return super().change_view(request, object_id, form_url, extra_context)
