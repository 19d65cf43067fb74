"""Gaps in Django (and django-axes) where a crafted value reaches the database instead of a
form error.

They are closed once here (PortalConfig.ready, settings), for every form, filter and admin page,
instead of in each admin class; tests/test_malformed_requests.py posts bad values to every form.

- An `__in` lookup on an integer column with a number beyond the column's range: SQLite's driver
  raises OverflowError (PostgreSQL compares it fine). Django already drops such numbers for
  `exact`, `gt`, `lt` (IntegerFieldOverflow); `in` lacks it, and ModelMultipleChoiceField checks
  submitted ids with `pk__in`. A number out of range matches no row, so it is dropped here too.
- The admin's autocomplete widget, redisplaying a form that failed validation, looks up the
  submitted value as an id before anything validated it: `placements-0-dilemma=abc` ended in a
  ValueError (500). A value the target field cannot hold is no choice; it is left out, and the
  form shows its own error for the field.
- django-axes stores the user name of a failed sign-in as typed (see axes_username).
"""

from functools import wraps

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError
from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def _only_values_the_target_can_hold(optgroups):
    @wraps(optgroups)
    def wrapper(self, name, value, attr=None):
        remote = self.field.remote_field
        opts = remote.model._meta
        target = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)

        def holdable(item):
            try:
                target.to_python(item)
            except ValidationError:
                return False
            return True

        return optgroups(self, name, [item for item in value if holdable(item)], attr)

    return wrapper


def install() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    if not getattr(AutocompleteMixin.optgroups, "__wrapped__", None):
        AutocompleteMixin.optgroups = _only_values_the_target_can_hold(AutocompleteMixin.optgroups)


def axes_username(request, credentials=None):
    """django-axes' own way to find the user name of a sign-in (AXES_USERNAME_CALLABLE), cut to
    the 255 characters its tables hold: a longer name typed on a login page was a 500 on
    PostgreSQL (the login form's 150-character limit is not checked before authenticating)."""
    from django.conf import settings

    source = credentials or getattr(request, "data", request.POST)
    username = source.get(settings.AXES_USERNAME_FORM_FIELD)
    return username[:255] if isinstance(username, str) else username
