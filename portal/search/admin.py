from django.contrib import admin, messages

from portal.redactie.record_admin import KeepsVersionsAdmin

from .models import Synonym


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
