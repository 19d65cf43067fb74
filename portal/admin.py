"""taggit's own tag admin, with the portal's rule for tag names (see portal.tagging), and the
locks on repeated failed sign-ins (django-axes)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from taggit.admin import TagAdmin
from taggit.models import Tag

from .models import LoginLock
from .tagging import clean_tag_names


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        names = clean_tag_names([self.cleaned_data["name"]])
        return names[0] if names else ""


# taggit's own messages are English only.
DUTCH_MESSAGES = {
    "Please select at least one tag.": "Kies minstens één trefwoord.",
    "Tags have been merged": "De trefwoorden zijn samengevoegd.",
    "Form is invalid.": "Vul de naam van het trefwoord in.",
}


class PortalTagAdmin(TagAdmin):
    form = TagForm

    @admin.action(description="Gekozen trefwoorden samenvoegen")
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def message_user(self, request, message, *args, **kwargs):
        message = DUTCH_MESSAGES.get(str(message), message)
        return super().message_user(request, message, *args, **kwargs)

    def merge_tags_view(self, request):
        # taggit looks the tags chosen on the list up by id without checking them: a POST here
        # without choosing (or with a tampered session) would end in a 500.
        chosen = request.session.get("selected_tag_ids", "").split(",")
        if not all(tag_id.isdigit() for tag_id in chosen):
            self.message_user(request, "Kies eerst de trefwoorden die u wilt samenvoegen.", "error")
            return redirect("admin:taggit_tag_changelist")
        if request.method == "POST":
            try:
                clean_tag_names([request.POST.get("new_tag_name", "")])
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level="error")
                return redirect(request.get_full_path())
        return super().merge_tags_view(request)


admin.site.unregister(Tag)
admin.site.register(Tag, PortalTagAdmin)


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    """Integriteitsfunctionarissen and administrators unlock a locked sign-in by removing it."""

    list_display = ["username", "ip_address", "failures_since_start", "locked", "attempt_time"]
    search_fields = ["username", "ip_address"]
    fields = list_display
    readonly_fields = list_display
    actions = ["unlock"]

    @admin.display(description="geblokkeerd", boolean=True)
    def locked(self, obj):
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT

    @admin.action(description="Deblokkeren: de geselecteerde mogen weer inloggen")
    def unlock(self, request, queryset):
        count = queryset.count()
        queryset.delete()
        self.message_user(request, f"{count} inlogblokkade(s) opgeheven.")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        # The unlock action needs the right to remove a lock; Django's bulk delete is not offered.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        if not self.has_delete_permission(request):
            actions.pop("unlock", None)
        return actions
