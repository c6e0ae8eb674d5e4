from enum import StrEnum


class AgreementCreateAuthorityType0(StrEnum):
    EXISTING_FTA = "existing_fta"
    OTHER = "other"
    SECTION_103A = "section_103a"
    TPA = "tpa"

    def __str__(self) -> str:
        return str(self.value)
