"""The portal's own models: only a Dutch face on django-axes' record of failed sign-ins."""

from axes.models import AccessAttempt


class LoginLock(AccessAttempt):
    """Failed sign-ins for one user name from one address; past the limit, a lock."""

    class Meta:
        proxy = True
        verbose_name = "mislukte inlogpoging"
        verbose_name_plural = "mislukte inlogpogingen en blokkades"
        ordering = ["-attempt_time"]
