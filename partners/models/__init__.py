from partners.models.partners import Partner, PartnerStaff
from partners.models.register import (
    Contribution,
    MappedStudent,
    NotDuplicate,
    StatusChange,
    name_key,
)

__all__ = [
    "Contribution",
    "MappedStudent",
    "NotDuplicate",
    "Partner",
    "PartnerStaff",
    "StatusChange",
    "name_key",
]
