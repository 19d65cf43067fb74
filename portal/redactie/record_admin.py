"""Admin pages of shared records keep every saved state, shown and restorable under Geschiedenis."""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from .models import RecordVersion
from .record_versions import (
    Change,
    changes,
    keep_version,
    record_state,
    restore_version,
    versions_of,
)


def int_or_404(value) -> int:
    """A number from the address or a form; anything else is a page that does not exist."""
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise Http404 from error


@dataclass
class VersionRow:
    version: RecordVersion
    changes: list[Change]
    current: bool


class KeepsVersionsAdmin(admin.ModelAdmin):
    object_history_template = "admin/redactie/record_history.html"

    def save_model(self, request, obj, form, change):
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        previous = record_state(stored) if stored else None
        super().save_model(request, obj, form, change)
        keep_version(instance=obj, previous_state=previous, user=request.user)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and request.method == "POST":
            return self._restore(request, obj)
        rows = []
        if obj is not None and self.has_view_or_change_permission(request, obj):
            versions = list(versions_of(obj))
            for index, version in enumerate(versions):
                older = versions[index + 1].data if index + 1 < len(versions) else None
                rows.append(
                    VersionRow(
                        version=version,
                        changes=changes(obj, older, version.data) if older else [],
                        current=index == 0,
                    )
                )
        context = {
            "versions": rows,
            "can_restore": obj is not None and self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def _restore(self, request, obj):
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(versions_of(obj), pk=int_or_404(request.POST.get("version")))
        saved_at = timezone.localtime(version.saved_at).strftime("%d-%m-%Y %H:%M")
        try:
            restore_version(instance=obj, version=version, user=request.user)
        except ValidationError as error:
            messages.error(
                request,
                f"De versie van {saved_at} is niet teruggezet: " + " ".join(error.messages),
            )
        else:
            self.log_change(request, obj, f"Versie van {saved_at} teruggezet")
            messages.success(request, f"De versie van {saved_at} is teruggezet.")
        return redirect(request.path)
