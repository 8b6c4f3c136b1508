"""The Đóng góp room: ask units for sections, bring their texts in, insert them, show who wrote what."""

from .install import install_contributions

__all__ = ["install_contributions"]
