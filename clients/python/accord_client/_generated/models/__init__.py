"""Contains all the data models used in inputs/outputs"""

from .agreement_changed import AgreementChanged
from .agreement_corrected_event import AgreementCorrectedEvent
from .agreement_create import AgreementCreate
from .agreement_create_authority_type_0 import AgreementCreateAuthorityType0
from .agreement_create_coverage_type_0 import AgreementCreateCoverageType0
from .agreement_create_metadata import AgreementCreateMetadata
from .agreement_create_rta_type_type_0 import AgreementCreateRtaTypeType0
from .agreement_create_workflow_type_0 import AgreementCreateWorkflowType0
from .agreement_created_event import AgreementCreatedEvent
from .agreement_deadline_approaching_event import AgreementDeadlineApproachingEvent
from .agreement_deadline_missed_event import AgreementDeadlineMissedEvent
from .agreement_out import AgreementOut
from .agreement_out_coverage_type_0 import AgreementOutCoverageType0
from .agreement_out_metadata import AgreementOutMetadata
from .agreement_out_rta_status import AgreementOutRtaStatus
from .agreement_out_rta_type_type_0 import AgreementOutRtaTypeType0
from .agreement_transitioned_event import AgreementTransitionedEvent
from .agreement_update import AgreementUpdate
from .agreement_update_coverage_type_0 import AgreementUpdateCoverageType0
from .agreement_update_metadata_type_0 import AgreementUpdateMetadataType0
from .agreement_update_rta_type_type_0 import AgreementUpdateRtaTypeType0
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
from .calendar_feed_create import CalendarFeedCreate
from .calendar_feed_created import CalendarFeedCreated
from .calendar_feed_out import CalendarFeedOut
from .consultation_agreement import ConsultationAgreement
from .consultation_changed import ConsultationChanged
from .consultation_create import ConsultationCreate
from .consultation_create_inferred_item import ConsultationCreateInferredItem
from .consultation_created_event import ConsultationCreatedEvent
from .consultation_deleted_event import ConsultationDeletedEvent
from .consultation_out import ConsultationOut
from .consultation_update import ConsultationUpdate
from .consultation_update_inferred_item import ConsultationUpdateInferredItem
from .consultation_updated_event import ConsultationUpdatedEvent
from .correction_create import CorrectionCreate
from .correction_out import CorrectionOut
from .correction_result import CorrectionResult
from .deadline import Deadline
from .deadline_alert import DeadlineAlert
from .deadline_bound import DeadlineBound
from .deadline_list import DeadlineList
from .deadline_source import DeadlineSource
from .deadline_status import DeadlineStatus
from .delivery_out import DeliveryOut
from .delivery_out_status import DeliveryOutStatus
from .diagram import Diagram
from .document_changed import DocumentChanged
from .document_create import DocumentCreate
from .document_create_inferred_item import DocumentCreateInferredItem
from .document_create_type import DocumentCreateType
from .document_created_event import DocumentCreatedEvent
from .document_deleted_event import DocumentDeletedEvent
from .document_out import DocumentOut
from .document_out_type import DocumentOutType
from .document_update import DocumentUpdate
from .document_update_inferred_type_0_item import DocumentUpdateInferredType0Item
from .document_update_type_type_0 import DocumentUpdateTypeType0
from .document_updated import DocumentUpdated
from .document_updated_event import DocumentUpdatedEvent
from .endpoint_disabled import EndpointDisabled
from .endpoint_disabled_event import EndpointDisabledEvent
from .event_out import EventOut
from .event_out_data import EventOutData
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
from .list_documents_type_type_0 import ListDocumentsTypeType0
from .list_events_type_type_0 import ListEventsTypeType0
from .page_agreement_out import PageAgreementOut
from .page_api_key_out import PageApiKeyOut
from .page_calendar_feed_out import PageCalendarFeedOut
from .page_consultation_out import PageConsultationOut
from .page_delivery_out import PageDeliveryOut
from .page_document_out import PageDocumentOut
from .page_event_out import PageEventOut
from .page_round_out import PageRoundOut
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
from .round_changed import RoundChanged
from .round_create import RoundCreate
from .round_create_inferred_item import RoundCreateInferredItem
from .round_created_event import RoundCreatedEvent
from .round_deleted_event import RoundDeletedEvent
from .round_out import RoundOut
from .round_update import RoundUpdate
from .round_update_inferred_type_0_item import RoundUpdateInferredType0Item
from .round_updated import RoundUpdated
from .round_updated_event import RoundUpdatedEvent
from .scope import Scope
from .stream_events_type_type_0 import StreamEventsTypeType0
from .test_event_request import TestEventRequest
from .test_event_request_type import TestEventRequestType
from .test_event_result import TestEventResult
from .test_event_result_type import TestEventResultType
from .timeline import Timeline
from .timeline_entry import TimelineEntry
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
from .wto_notification import WtoNotification
from .wto_notification_coverage import WtoNotificationCoverage
from .wto_notification_legal_basis import WtoNotificationLegalBasis

__all__ = (
    "AgreementChanged",
    "AgreementCorrectedEvent",
    "AgreementCreate",
    "AgreementCreateAuthorityType0",
    "AgreementCreateCoverageType0",
    "AgreementCreateMetadata",
    "AgreementCreateRtaTypeType0",
    "AgreementCreateWorkflowType0",
    "AgreementCreatedEvent",
    "AgreementDeadlineApproachingEvent",
    "AgreementDeadlineMissedEvent",
    "AgreementOut",
    "AgreementOutCoverageType0",
    "AgreementOutMetadata",
    "AgreementOutRtaStatus",
    "AgreementOutRtaTypeType0",
    "AgreementTransitionedEvent",
    "AgreementUpdate",
    "AgreementUpdateCoverageType0",
    "AgreementUpdateMetadataType0",
    "AgreementUpdateRtaTypeType0",
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
    "CalendarFeedCreate",
    "CalendarFeedCreated",
    "CalendarFeedOut",
    "ConsultationAgreement",
    "ConsultationChanged",
    "ConsultationCreate",
    "ConsultationCreateInferredItem",
    "ConsultationCreatedEvent",
    "ConsultationDeletedEvent",
    "ConsultationOut",
    "ConsultationUpdate",
    "ConsultationUpdateInferredItem",
    "ConsultationUpdatedEvent",
    "CorrectionCreate",
    "CorrectionOut",
    "CorrectionResult",
    "Deadline",
    "DeadlineAlert",
    "DeadlineBound",
    "DeadlineList",
    "DeadlineSource",
    "DeadlineStatus",
    "DeliveryOut",
    "DeliveryOutStatus",
    "Diagram",
    "DocumentChanged",
    "DocumentCreate",
    "DocumentCreateInferredItem",
    "DocumentCreateType",
    "DocumentCreatedEvent",
    "DocumentDeletedEvent",
    "DocumentOut",
    "DocumentOutType",
    "DocumentUpdate",
    "DocumentUpdateInferredType0Item",
    "DocumentUpdateTypeType0",
    "DocumentUpdated",
    "DocumentUpdatedEvent",
    "EndpointDisabled",
    "EndpointDisabledEvent",
    "EventOut",
    "EventOutData",
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
    "ListDocumentsTypeType0",
    "ListEventsTypeType0",
    "PageAgreementOut",
    "PageApiKeyOut",
    "PageCalendarFeedOut",
    "PageConsultationOut",
    "PageDeliveryOut",
    "PageDocumentOut",
    "PageEventOut",
    "PageRoundOut",
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
    "RoundChanged",
    "RoundCreate",
    "RoundCreateInferredItem",
    "RoundCreatedEvent",
    "RoundDeletedEvent",
    "RoundOut",
    "RoundUpdate",
    "RoundUpdateInferredType0Item",
    "RoundUpdated",
    "RoundUpdatedEvent",
    "Scope",
    "StreamEventsTypeType0",
    "TestEventRequest",
    "TestEventRequestType",
    "TestEventResult",
    "TestEventResultType",
    "Timeline",
    "TimelineEntry",
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
    "WtoNotification",
    "WtoNotificationCoverage",
    "WtoNotificationLegalBasis",
)
