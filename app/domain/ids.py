"""Typed ids for the records the domain talks about."""
from typing import NewType

AssociationId = NewType("AssociationId", int)
PersonId = NewType("PersonId", int)
UnitId = NewType("UnitId", int)
ClaimId = NewType("ClaimId", int)
CaseId = NewType("CaseId", int)
EventId = NewType("EventId", int)
PaymentId = NewType("PaymentId", int)
FeeId = NewType("FeeId", int)
DocumentId = NewType("DocumentId", int)
ScoreId = NewType("ScoreId", int)
