"""Who may do what with a change, as plain rules the admin views and templates share."""

from .models import Revision

APPROVE_PERMISSION = "redactie.approve_revision"
EDIT_PERMISSION = "themabladen.change_themablad"

OPEN_STATUSES = (Revision.Status.DRAFT, Revision.Status.SUBMITTED)


def may_withdraw(revision: Revision, user) -> bool:
    """An open change is withdrawn by its author or by an integriteitsfunctionaris, no one else."""
    if revision.status not in OPEN_STATUSES:
        return False
    if user.has_perm(APPROVE_PERMISSION):
        return True
    return user.has_perm(EDIT_PERMISSION) and user.pk == revision.author_id
