from partners.models.partners import Partner, PartnerStaff

__all__ = ["Partner", "PartnerStaff"]
