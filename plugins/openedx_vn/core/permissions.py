"""The one permission helper. Roles and scopes (school, commune, province) grow here."""

from rest_framework.permissions import BasePermission


def is_platform_staff(user):
    """True for an active, authenticated global staff user (Open edX "is_staff")."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class IsPlatformStaff(BasePermission):
    """DRF permission: only global staff."""

    def has_permission(self, request, view):
        return is_platform_staff(request.user)
