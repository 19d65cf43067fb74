from django.contrib import admin

from portal.redactie.record_admin import KeepsVersionsAdmin

from .forms import UitspraakForm
from .models import Uitspraak


@admin.register(Uitspraak)
class UitspraakAdmin(KeepsVersionsAdmin):
    """Rulings are shared by every case that cites them; a case cites them on its sheet's page."""

    form = UitspraakForm
    list_display = ["ecli", "court_display", "year_display"]
    search_fields = ["ecli", "summary"]
    fields = ["ecli", "court_display", "summary"]
    readonly_fields = ["court_display"]

    @admin.display(description="instantie")
    def court_display(self, obj):
        return obj.court_name if obj.pk else "Wordt ingevuld na opslaan."

    @admin.display(description="jaar")
    def year_display(self, obj):
        return obj.year

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
