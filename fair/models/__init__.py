"""The core domain: fairs, programmes, schools, companies, students and the people using it."""

from fair.models.accounts import ApiToken, User, UserManager  # noqa: F401
from fair.models.emails import EmailLog  # noqa: F401
from fair.models.fairs import Company, CompanyProgramme, Fair, Student  # noqa: F401
from fair.models.reference import Municipality, Programme, School  # noqa: F401
from fair.organisations import Organisation, OrganisationApproval  # noqa: E402

__all__ = [
    "ApiToken",
    "Company",
    "CompanyProgramme",
    "EmailLog",
    "Fair",
    "Municipality",
    "Organisation",
    "OrganisationApproval",
    "Programme",
    "School",
    "Student",
    "User",
    "UserManager",
]
