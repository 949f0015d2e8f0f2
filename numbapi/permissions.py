"""Who may do what through the API."""

from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly


class ContentPermissions(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads; writes need Django's add/change/delete permission on the model."""
