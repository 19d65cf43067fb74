"""taggit's own tag admin, with the portal's rule for tag names (see portal.tagging)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from taggit.admin import TagAdmin
from taggit.models import Tag

from .tagging import clean_tag_names


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        names = clean_tag_names([self.cleaned_data["name"]])
        return names[0] if names else ""


class PortalTagAdmin(TagAdmin):
    form = TagForm

    def merge_tags_view(self, request):
        if request.method == "POST":
            try:
                clean_tag_names([request.POST.get("new_tag_name", "")])
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level="error")
                return redirect(request.get_full_path())
        return super().merge_tags_view(request)


admin.site.unregister(Tag)
admin.site.register(Tag, PortalTagAdmin)
