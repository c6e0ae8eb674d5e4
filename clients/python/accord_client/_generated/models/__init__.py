"""Contains all the data models used in inputs/outputs"""

from .agreement_changed import AgreementChanged
from .agreement_corrected_event import AgreementCorrectedEvent
from .agreement_create import AgreementCreate
from .agreement_create_authority_type_0 import AgreementCreateAuthorityType0
from .agreement_create_metadata import AgreementCreateMetadata
from .agreement_create_workflow_type_0 import AgreementCreateWorkflowType0
from .agreement_created_event import AgreementCreatedEvent
from .agreement_deadline_approaching_event import AgreementDeadlineApproachingEvent
from .agreement_deadline_missed_event import AgreementDeadlineMissedEvent
from .agreement_out import AgreementOut
from .agreement_out_metadata import AgreementOutMetadata
from .agreement_out_rta_status import AgreementOutRtaStatus
from .agreement_transitioned_event import AgreementTransitionedEvent
from .agreement_update import AgreementUpdate
from .agreement_update_metadata_type_0 import AgreementUpdateMetadataType0
from .agreement_updated_event import AgreementUpdatedEvent
from .agreement_voided_event import AgreementVoidedEvent
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_out import ApiKeyOut
from .assumed_event import AssumedEvent
from .assumed_outcome import AssumedOutcome
from .attempt_out import AttemptOut
from .available_transition import AvailableTransition
from .available_transitions import AvailableTransitions
from .correction_create import CorrectionCreate
from .correction_out import CorrectionOut
from .correction_result import CorrectionResult
from .deadline import Deadline
from .deadline_alert import DeadlineAlert
from .deadline_bound import DeadlineBound
from .deadline_list import DeadlineList
from .deadline_status import DeadlineStatus
from .delivery_out import DeliveryOut
from .delivery_out_status import DeliveryOutStatus
from .diagram import Diagram
from .endpoint_disabled import EndpointDisabled
from .endpoint_disabled_event import EndpointDisabledEvent
from .event_out import EventOut
from .event_out_data import EventOutData
from .event_out_type import EventOutType
from .event_type_list import EventTypeList
from .event_type_out import EventTypeOut
from .event_type_out_example import EventTypeOutExample
from .event_type_out_schema import EventTypeOutSchema
from .event_type_out_type import EventTypeOutType
from .field_change import FieldChange
from .field_change_field import FieldChangeField
from .health import Health
from .http_validation_error import HTTPValidationError
from .invalid_transition_problem import InvalidTransitionProblem
from .list_deadlines_status_type_0 import ListDeadlinesStatusType0
from .list_events_type_type_0 import ListEventsTypeType0
from .page_agreement_out import PageAgreementOut
from .page_api_key_out import PageApiKeyOut
from .page_delivery_out import PageDeliveryOut
from .page_event_out import PageEventOut
from .page_transition_out import PageTransitionOut
from .page_webhook_endpoint_out import PageWebhookEndpointOut
from .party import Party
from .problem import Problem
from .projected_clock import ProjectedClock
from .projected_clock_bound import ProjectedClockBound
from .projected_event import ProjectedEvent
from .projection import Projection
from .projection_create import ProjectionCreate
from .readiness import Readiness
from .relation import Relation
from .relation_direction import RelationDirection
from .relation_in import RelationIn
from .relation_in_kind import RelationInKind
from .relation_kind import RelationKind
from .relation_list import RelationList
from .replay_request import ReplayRequest
from .replay_result import ReplayResult
from .rotated_secret import RotatedSecret
from .scope import Scope
from .stream_events_type_type_0 import StreamEventsTypeType0
from .test_event_request import TestEventRequest
from .test_event_request_type import TestEventRequestType
from .test_event_result import TestEventResult
from .test_event_result_type import TestEventResultType
from .transition_create import TransitionCreate
from .transition_out import TransitionOut
from .transition_result import TransitionResult
from .unrecorded_trigger import UnrecordedTrigger
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .validation_issue import ValidationIssue
from .validation_problem import ValidationProblem
from .version_mismatch_problem import VersionMismatchProblem
from .void_create import VoidCreate
from .webhook_endpoint_create import WebhookEndpointCreate
from .webhook_endpoint_create_event_types_item import WebhookEndpointCreateEventTypesItem
from .webhook_endpoint_out import WebhookEndpointOut
from .webhook_endpoint_update import WebhookEndpointUpdate
from .webhook_endpoint_update_event_types_type_0_item import WebhookEndpointUpdateEventTypesType0Item
from .webhook_endpoint_with_secret import WebhookEndpointWithSecret
from .workflow import Workflow
from .workflow_clock import WorkflowClock
from .workflow_event import WorkflowEvent
from .workflow_list import WorkflowList
from .workflow_ref import WorkflowRef

__all__ = (
    "AgreementChanged",
    "AgreementCorrectedEvent",
    "AgreementCreate",
    "AgreementCreateAuthorityType0",
    "AgreementCreateMetadata",
    "AgreementCreateWorkflowType0",
    "AgreementCreatedEvent",
    "AgreementDeadlineApproachingEvent",
    "AgreementDeadlineMissedEvent",
    "AgreementOut",
    "AgreementOutMetadata",
    "AgreementOutRtaStatus",
    "AgreementTransitionedEvent",
    "AgreementUpdate",
    "AgreementUpdateMetadataType0",
    "AgreementUpdatedEvent",
    "AgreementVoidedEvent",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyOut",
    "AssumedEvent",
    "AssumedOutcome",
    "AttemptOut",
    "AvailableTransition",
    "AvailableTransitions",
    "CorrectionCreate",
    "CorrectionOut",
    "CorrectionResult",
    "Deadline",
    "DeadlineAlert",
    "DeadlineBound",
    "DeadlineList",
    "DeadlineStatus",
    "DeliveryOut",
    "DeliveryOutStatus",
    "Diagram",
    "EndpointDisabled",
    "EndpointDisabledEvent",
    "EventOut",
    "EventOutData",
    "EventOutType",
    "EventTypeList",
    "EventTypeOut",
    "EventTypeOutExample",
    "EventTypeOutSchema",
    "EventTypeOutType",
    "FieldChange",
    "FieldChangeField",
    "HTTPValidationError",
    "Health",
    "InvalidTransitionProblem",
    "ListDeadlinesStatusType0",
    "ListEventsTypeType0",
    "PageAgreementOut",
    "PageApiKeyOut",
    "PageDeliveryOut",
    "PageEventOut",
    "PageTransitionOut",
    "PageWebhookEndpointOut",
    "Party",
    "Problem",
    "ProjectedClock",
    "ProjectedClockBound",
    "ProjectedEvent",
    "Projection",
    "ProjectionCreate",
    "Readiness",
    "Relation",
    "RelationDirection",
    "RelationIn",
    "RelationInKind",
    "RelationKind",
    "RelationList",
    "ReplayRequest",
    "ReplayResult",
    "RotatedSecret",
    "Scope",
    "StreamEventsTypeType0",
    "TestEventRequest",
    "TestEventRequestType",
    "TestEventResult",
    "TestEventResultType",
    "TransitionCreate",
    "TransitionOut",
    "TransitionResult",
    "UnrecordedTrigger",
    "ValidationError",
    "ValidationErrorContext",
    "ValidationIssue",
    "ValidationProblem",
    "VersionMismatchProblem",
    "VoidCreate",
    "WebhookEndpointCreate",
    "WebhookEndpointCreateEventTypesItem",
    "WebhookEndpointOut",
    "WebhookEndpointUpdate",
    "WebhookEndpointUpdateEventTypesType0Item",
    "WebhookEndpointWithSecret",
    "Workflow",
    "WorkflowClock",
    "WorkflowEvent",
    "WorkflowList",
    "WorkflowRef",
)
