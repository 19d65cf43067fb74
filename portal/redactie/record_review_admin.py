"""The review page of a change to a shared record: what changes, where it shows, the decision."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from . import record_review
from .models import RecordVersion
from .record_admin import int_or_404
from .record_versions import changes, record_state


@admin.register(RecordVersion)
class RecordVersionAdmin(admin.ModelAdmin):
    list_display = ["record_display", "kind_display", "status", "saved_by", "saved_at"]
    list_filter = ["status"]
    list_select_related = ["content_type", "saved_by"]

    @admin.display(description="gegeven")
    def record_display(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:redactie_recordversion_change", args=[obj.pk]),
            obj.record or f"(verwijderd gegeven {obj.object_id})",
        )

    @admin.display(description="soort")
    def kind_display(self, obj):
        return obj.kind

    def get_list_display_links(self, request, list_display):
        return None  # the record's name links to the review page

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        version = get_object_or_404(
            RecordVersion.objects.select_related("content_type", "saved_by", "author", "reviewer"),
            pk=int_or_404(object_id),
        )
        record = version.record
        if record is None:
            raise Http404
        if request.method == "POST":
            return self._review_post(request, version)
        model = type(record)
        published = record_state(record)
        base = version.base if version.base is not None else published
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Wijziging van {model._meta.verbose_name}: {record}",
            "version": version,
            "record": record,
            "kind": model._meta.verbose_name,
            "record_url": reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]
            ),
            "history_url": reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_history",
                args=[record.pk],
            ),
            "changes": changes(record, base, version.data),
            "conflicts": record_review.conflicts(version, published) if version.is_open else [],
            "sheets": record_review.published_sheets(record)
            if record_review.is_reviewed(model)
            else [],
            "editors": _names(version.editor_ids),
            "may_approve": record_review.may_approve(version, request.user),
            "may_withdraw": record_review.may_withdraw(version, request.user),
            "is_own": record_review.is_own(version, request.user),
            "can_review": request.user.has_perm(record_review.APPROVE_PERMISSION),
        }
        return TemplateResponse(request, "admin/redactie/record_review.html", context)

    def _review_post(self, request, version):
        action = request.POST.get("action")
        comment = request.POST.get("comment", "").strip()
        try:
            if action == "approve":
                record_review.approve(version=version, user=request.user, comment=comment)
                messages.success(request, "De wijziging is goedgekeurd en gepubliceerd.")
            elif action == "reject":
                record_review.reject(version=version, user=request.user, comment=comment)
                messages.success(request, "De wijziging is teruggestuurd naar de auteur.")
            elif action == "withdraw":
                if not request.POST.get("confirm"):
                    raise ValidationError("Vink aan dat u de wijziging wilt intrekken.")
                record_review.withdraw(version=version, user=request.user)
                messages.success(request, "De wijziging is ingetrokken.")
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(reverse("admin:redactie_recordversion_change", args=[version.pk]))


def _names(user_ids) -> list[str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=user_ids).order_by("username")
    return [user.get_full_name() or user.username for user in users]
