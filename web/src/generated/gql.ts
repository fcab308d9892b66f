/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": typeof types.AcknowledgeAlertDocument,
    "\n  query ActiveAlerts {\n    alerts(first: 50, filter: { firingOnly: true }) {\n      edges {\n        node {\n          ...AlertFields\n        }\n      }\n    }\n    alertRules {\n      ...AlertRuleFields\n    }\n  }\n": typeof types.ActiveAlertsDocument,
    "\n  query AlertHistory($first: Int!) {\n    alerts(first: $first) {\n      edges {\n        node {\n          ...AlertFields\n        }\n      }\n    }\n  }\n": typeof types.AlertHistoryDocument,
    "\n  query AlertMarks {\n    alerts(first: 50) {\n      edges {\n        node {\n          id\n          state\n          severity\n          value\n          startedAt\n          resolvedAt\n          rule {\n            id\n            name\n            metric\n          }\n        }\n      }\n    }\n  }\n": typeof types.AlertMarksDocument,
    "\n  fragment AlertRuleFields on AlertRule {\n    id\n    name\n    metric\n    warning\n    critical\n    forSeconds\n    recoveryMargin\n    repeatIntervalSeconds\n    escalateAfterSeconds\n    escalationChannel {\n      id\n      name\n    }\n    enabled\n    notifiesEveryChannel\n    silencedUntil\n    silenceReason\n    evaluatedAt\n    state\n    severity\n    value\n    channels {\n      id\n      name\n      kind\n    }\n  }\n": typeof types.AlertRuleFieldsFragmentDoc,
    "\n  query AlertRules {\n    alertRules {\n      ...AlertRuleFields\n    }\n    notificationChannels {\n      ...NotificationChannelFields\n    }\n  }\n": typeof types.AlertRulesDocument,
    "\n  query AlertTransitions($ruleId: ID!) {\n    alertTransitions(ruleId: $ruleId, limit: 50) {\n      id\n      at\n      kind\n      fromState\n      toState\n      severity\n      value\n      suppressed\n    }\n  }\n": typeof types.AlertTransitionsDocument,
    "\n  fragment AlertFields on Alert {\n    id\n    state\n    severity\n    value\n    suppressedBy\n    escalatedAt\n    startedAt\n    resolvedAt\n    acknowledgedAt\n    acknowledgedBy {\n      id\n      fullName\n    }\n    rule {\n      id\n      name\n      metric\n      state\n      severity\n      warning\n      critical\n      forSeconds\n      silencedUntil\n      silenceReason\n    }\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  subscription AlertsChanged {\n    alertsChanged {\n      ...AlertFields\n    }\n  }\n": typeof types.AlertsChangedDocument,
    "\n  mutation CreateNotificationChannel($input: NotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      ...NotificationChannelFields\n    }\n  }\n": typeof types.CreateNotificationChannelDocument,
    "\n  query DeliveryAttempts($after: String, $channelId: ID, $deadOnly: Boolean) {\n    notificationDeliveries(first: 1, after: $after, channelId: $channelId, deadOnly: $deadOnly) {\n      edges {\n        node {\n          id\n          attemptLog {\n            at\n            statusCode\n            error\n            durationMs\n          }\n        }\n      }\n    }\n  }\n": typeof types.DeliveryAttemptsDocument,
    "\n  fragment NotificationChannelFields on NotificationChannel {\n    id\n    name\n    kind\n    enabled\n    target\n    hasSecret\n    previousSecretUntil\n    createdAt\n  }\n": typeof types.NotificationChannelFieldsFragmentDoc,
    "\n  query NotificationChannels {\n    notificationChannels {\n      ...NotificationChannelFields\n    }\n  }\n": typeof types.NotificationChannelsDocument,
    "\n  query NotificationDeliveries($first: Int!, $after: String, $channelId: ID, $deadOnly: Boolean) {\n    notificationDeliveries(first: $first, after: $after, channelId: $channelId, deadOnly: $deadOnly) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...NotificationDeliveryFields\n        }\n      }\n    }\n  }\n": typeof types.NotificationDeliveriesDocument,
    "\n  fragment NotificationDeliveryFields on NotificationDelivery {\n    id\n    event\n    eventId\n    createdAt\n    status\n    attempts\n    lastError\n    deliveredAt\n    channel {\n      id\n      name\n      kind\n    }\n    alert {\n      id\n      severity\n      rule {\n        id\n        name\n      }\n    }\n  }\n": typeof types.NotificationDeliveryFieldsFragmentDoc,
    "\n  mutation SendTestNotification($channelId: ID!) {\n    sendTestNotification(channelId: $channelId) {\n      ...NotificationDeliveryFields\n    }\n  }\n": typeof types.SendTestNotificationDocument,
    "\n  mutation SilenceAlerts($ruleId: ID!, $until: DateTimeISO!, $reason: String!) {\n    silenceAlerts(ruleId: $ruleId, until: $until, reason: $reason) {\n      ...AlertRuleFields\n    }\n  }\n": typeof types.SilenceAlertsDocument,
    "\n  mutation SilenceAllAlerts($until: DateTimeISO!, $reason: String!) {\n    silenceAllAlerts(until: $until, reason: $reason) {\n      id\n      silencedUntil\n      silenceReason\n    }\n  }\n": typeof types.SilenceAllAlertsDocument,
    "\n  mutation UnsilenceAlerts($ruleId: ID!) {\n    unsilenceAlerts(ruleId: $ruleId) {\n      ...AlertRuleFields\n    }\n  }\n": typeof types.UnsilenceAlertsDocument,
    "\n  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      ...AlertRuleFields\n    }\n  }\n": typeof types.UpdateAlertRuleDocument,
    "\n  query AuditActors($search: String) {\n    users(first: 100, search: $search) {\n      edges {\n        node {\n          id\n          email\n          fullName\n        }\n      }\n    }\n  }\n": typeof types.AuditActorsDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor {\n      id\n      email\n      fullName\n    }\n    targetType\n    targetId\n    before\n    after\n    clientAddress\n    requestId\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  subscription AuditLogAppended {\n    auditLogAppended {\n      ...AuditEntryFields\n    }\n  }\n": typeof types.AuditLogAppendedDocument,
    "\n  query AuditLog($first: Int, $after: String, $filter: AuditLogFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEntryFields\n        }\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        email\n        fullName\n        role\n        permissions\n        mustChangePassword\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  subscription CheckRunUpdated {\n    checkRunUpdated {\n      ...CheckRunFields\n    }\n  }\n": typeof types.CheckRunUpdatedDocument,
    "\n  fragment CheckRunFields on CheckRun {\n    id\n    trigger\n    state\n    progress\n    queuedAt\n    startedAt\n    finishedAt\n    durationMs\n    pairsChecked\n    inconsistent\n    consistencyRate\n    healthState\n    error\n  }\n": typeof types.CheckRunFieldsFragmentDoc,
    "\n  mutation RunHealthCheck {\n    runHealthCheck {\n      ...CheckRunFields\n    }\n  }\n": typeof types.RunHealthCheckDocument,
    "\n  subscription HealthStatusChanged {\n    healthStatusChanged {\n      ...HealthStatusFields\n    }\n  }\n": typeof types.HealthStatusChangedDocument,
    "\n  fragment HealthStatusFields on HealthStatus {\n    state\n    consistencyRate\n    nextScheduledAt\n    liveDetection\n    liveDetectionState\n    detectionLagMs\n    lastRun {\n      ...CheckRunFields\n    }\n    activeRun {\n      ...CheckRunFields\n    }\n  }\n": typeof types.HealthStatusFieldsFragmentDoc,
    "\n  query HealthStatus {\n    healthStatus {\n      ...HealthStatusFields\n    }\n  }\n": typeof types.HealthStatusDocument,
    "\n  query CheckRunHistory($first: Int!) {\n    checkRuns(first: $first) {\n      totalCount\n      edges {\n        node {\n          ...CheckRunFields\n        }\n      }\n    }\n  }\n": typeof types.CheckRunHistoryDocument,
    "\n  subscription ViolationsChanged {\n    violationsChanged {\n      opened {\n        ...ViolationFields\n      }\n      resolved\n      openCount\n      detectedAt\n    }\n  }\n": typeof types.ViolationsChangedDocument,
    "\n  query HealthMetrics {\n    healthMetrics {\n      pairsChecked\n      openViolations\n      openViolationsByType {\n        type\n        count\n      }\n      checksLast24h\n      repairsLast24h\n      lastCheckDurationMs\n    }\n  }\n": typeof types.HealthMetricsDocument,
    "\n  query RecentRepairs($first: Int!) {\n    repairs(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          trigger\n          action\n          specialization\n          createdAt\n          before\n          after\n          jobId\n          student {\n            id\n            fullName\n          }\n          actor {\n            id\n            fullName\n          }\n        }\n      }\n    }\n  }\n": typeof types.RecentRepairsDocument,
    "\n  subscription RepairsMade {\n    repairsMade {\n      trigger\n      madeAt\n      resolvedViolationIds\n      repairs {\n        id\n      }\n    }\n  }\n": typeof types.RepairsMadeDocument,
    "\n  query SystemInfo {\n    systemInfo {\n      version\n      uptimeSeconds\n      workersOnline\n      queueDepth\n      lastCheckAt\n      nextScheduledAt\n    }\n  }\n": typeof types.SystemInfoDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      initialPassword\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.InviteUserDocument,
    "\n  mutation ResetPassword($userId: ID!) {\n    resetPassword(userId: $userId)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    fullName\n    role\n    isActive\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query Users($first: Int, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...UserFields\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  query RepairPreview($studentId: ID!, $specialization: Specialization!) {\n    repairPreview(studentId: $studentId, specialization: $specialization) {\n      studentId\n      specialization\n      alreadyConsistent\n      action\n      violationType\n      progress\n      license\n      changes {\n        field\n        before\n        after\n        changed\n      }\n    }\n  }\n": typeof types.RepairPreviewDocument,
    "\n  mutation ResyncLicense($studentId: ID!, $specialization: Specialization!) {\n    resyncLicense(studentId: $studentId, specialization: $specialization) {\n      id\n    }\n  }\n": typeof types.ResyncLicenseDocument,
    "\n  fragment ViolationFields on Violation {\n    id\n    type\n    specialization\n    progressLevel\n    licenseLevel\n    totalXp\n    firstSeenAt\n    lastSeenAt\n    resolvedAt\n    student {\n      id\n      fullName\n      email\n    }\n  }\n": typeof types.ViolationFieldsFragmentDoc,
    "\n  query Violations($first: Int, $after: String, $last: Int, $before: String, $filter: ViolationFilter) {\n    violations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ViolationFields\n        }\n      }\n    }\n  }\n": typeof types.ViolationsDocument,
};
const documents: Documents = {
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": types.AcknowledgeAlertDocument,
    "\n  query ActiveAlerts {\n    alerts(first: 50, filter: { firingOnly: true }) {\n      edges {\n        node {\n          ...AlertFields\n        }\n      }\n    }\n    alertRules {\n      ...AlertRuleFields\n    }\n  }\n": types.ActiveAlertsDocument,
    "\n  query AlertHistory($first: Int!) {\n    alerts(first: $first) {\n      edges {\n        node {\n          ...AlertFields\n        }\n      }\n    }\n  }\n": types.AlertHistoryDocument,
    "\n  query AlertMarks {\n    alerts(first: 50) {\n      edges {\n        node {\n          id\n          state\n          severity\n          value\n          startedAt\n          resolvedAt\n          rule {\n            id\n            name\n            metric\n          }\n        }\n      }\n    }\n  }\n": types.AlertMarksDocument,
    "\n  fragment AlertRuleFields on AlertRule {\n    id\n    name\n    metric\n    warning\n    critical\n    forSeconds\n    recoveryMargin\n    repeatIntervalSeconds\n    escalateAfterSeconds\n    escalationChannel {\n      id\n      name\n    }\n    enabled\n    notifiesEveryChannel\n    silencedUntil\n    silenceReason\n    evaluatedAt\n    state\n    severity\n    value\n    channels {\n      id\n      name\n      kind\n    }\n  }\n": types.AlertRuleFieldsFragmentDoc,
    "\n  query AlertRules {\n    alertRules {\n      ...AlertRuleFields\n    }\n    notificationChannels {\n      ...NotificationChannelFields\n    }\n  }\n": types.AlertRulesDocument,
    "\n  query AlertTransitions($ruleId: ID!) {\n    alertTransitions(ruleId: $ruleId, limit: 50) {\n      id\n      at\n      kind\n      fromState\n      toState\n      severity\n      value\n      suppressed\n    }\n  }\n": types.AlertTransitionsDocument,
    "\n  fragment AlertFields on Alert {\n    id\n    state\n    severity\n    value\n    suppressedBy\n    escalatedAt\n    startedAt\n    resolvedAt\n    acknowledgedAt\n    acknowledgedBy {\n      id\n      fullName\n    }\n    rule {\n      id\n      name\n      metric\n      state\n      severity\n      warning\n      critical\n      forSeconds\n      silencedUntil\n      silenceReason\n    }\n  }\n": types.AlertFieldsFragmentDoc,
    "\n  subscription AlertsChanged {\n    alertsChanged {\n      ...AlertFields\n    }\n  }\n": types.AlertsChangedDocument,
    "\n  mutation CreateNotificationChannel($input: NotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      ...NotificationChannelFields\n    }\n  }\n": types.CreateNotificationChannelDocument,
    "\n  query DeliveryAttempts($after: String, $channelId: ID, $deadOnly: Boolean) {\n    notificationDeliveries(first: 1, after: $after, channelId: $channelId, deadOnly: $deadOnly) {\n      edges {\n        node {\n          id\n          attemptLog {\n            at\n            statusCode\n            error\n            durationMs\n          }\n        }\n      }\n    }\n  }\n": types.DeliveryAttemptsDocument,
    "\n  fragment NotificationChannelFields on NotificationChannel {\n    id\n    name\n    kind\n    enabled\n    target\n    hasSecret\n    previousSecretUntil\n    createdAt\n  }\n": types.NotificationChannelFieldsFragmentDoc,
    "\n  query NotificationChannels {\n    notificationChannels {\n      ...NotificationChannelFields\n    }\n  }\n": types.NotificationChannelsDocument,
    "\n  query NotificationDeliveries($first: Int!, $after: String, $channelId: ID, $deadOnly: Boolean) {\n    notificationDeliveries(first: $first, after: $after, channelId: $channelId, deadOnly: $deadOnly) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...NotificationDeliveryFields\n        }\n      }\n    }\n  }\n": types.NotificationDeliveriesDocument,
    "\n  fragment NotificationDeliveryFields on NotificationDelivery {\n    id\n    event\n    eventId\n    createdAt\n    status\n    attempts\n    lastError\n    deliveredAt\n    channel {\n      id\n      name\n      kind\n    }\n    alert {\n      id\n      severity\n      rule {\n        id\n        name\n      }\n    }\n  }\n": types.NotificationDeliveryFieldsFragmentDoc,
    "\n  mutation SendTestNotification($channelId: ID!) {\n    sendTestNotification(channelId: $channelId) {\n      ...NotificationDeliveryFields\n    }\n  }\n": types.SendTestNotificationDocument,
    "\n  mutation SilenceAlerts($ruleId: ID!, $until: DateTimeISO!, $reason: String!) {\n    silenceAlerts(ruleId: $ruleId, until: $until, reason: $reason) {\n      ...AlertRuleFields\n    }\n  }\n": types.SilenceAlertsDocument,
    "\n  mutation SilenceAllAlerts($until: DateTimeISO!, $reason: String!) {\n    silenceAllAlerts(until: $until, reason: $reason) {\n      id\n      silencedUntil\n      silenceReason\n    }\n  }\n": types.SilenceAllAlertsDocument,
    "\n  mutation UnsilenceAlerts($ruleId: ID!) {\n    unsilenceAlerts(ruleId: $ruleId) {\n      ...AlertRuleFields\n    }\n  }\n": types.UnsilenceAlertsDocument,
    "\n  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      ...AlertRuleFields\n    }\n  }\n": types.UpdateAlertRuleDocument,
    "\n  query AuditActors($search: String) {\n    users(first: 100, search: $search) {\n      edges {\n        node {\n          id\n          email\n          fullName\n        }\n      }\n    }\n  }\n": types.AuditActorsDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor {\n      id\n      email\n      fullName\n    }\n    targetType\n    targetId\n    before\n    after\n    clientAddress\n    requestId\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  subscription AuditLogAppended {\n    auditLogAppended {\n      ...AuditEntryFields\n    }\n  }\n": types.AuditLogAppendedDocument,
    "\n  query AuditLog($first: Int, $after: String, $filter: AuditLogFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEntryFields\n        }\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        email\n        fullName\n        role\n        permissions\n        mustChangePassword\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  subscription CheckRunUpdated {\n    checkRunUpdated {\n      ...CheckRunFields\n    }\n  }\n": types.CheckRunUpdatedDocument,
    "\n  fragment CheckRunFields on CheckRun {\n    id\n    trigger\n    state\n    progress\n    queuedAt\n    startedAt\n    finishedAt\n    durationMs\n    pairsChecked\n    inconsistent\n    consistencyRate\n    healthState\n    error\n  }\n": types.CheckRunFieldsFragmentDoc,
    "\n  mutation RunHealthCheck {\n    runHealthCheck {\n      ...CheckRunFields\n    }\n  }\n": types.RunHealthCheckDocument,
    "\n  subscription HealthStatusChanged {\n    healthStatusChanged {\n      ...HealthStatusFields\n    }\n  }\n": types.HealthStatusChangedDocument,
    "\n  fragment HealthStatusFields on HealthStatus {\n    state\n    consistencyRate\n    nextScheduledAt\n    liveDetection\n    liveDetectionState\n    detectionLagMs\n    lastRun {\n      ...CheckRunFields\n    }\n    activeRun {\n      ...CheckRunFields\n    }\n  }\n": types.HealthStatusFieldsFragmentDoc,
    "\n  query HealthStatus {\n    healthStatus {\n      ...HealthStatusFields\n    }\n  }\n": types.HealthStatusDocument,
    "\n  query CheckRunHistory($first: Int!) {\n    checkRuns(first: $first) {\n      totalCount\n      edges {\n        node {\n          ...CheckRunFields\n        }\n      }\n    }\n  }\n": types.CheckRunHistoryDocument,
    "\n  subscription ViolationsChanged {\n    violationsChanged {\n      opened {\n        ...ViolationFields\n      }\n      resolved\n      openCount\n      detectedAt\n    }\n  }\n": types.ViolationsChangedDocument,
    "\n  query HealthMetrics {\n    healthMetrics {\n      pairsChecked\n      openViolations\n      openViolationsByType {\n        type\n        count\n      }\n      checksLast24h\n      repairsLast24h\n      lastCheckDurationMs\n    }\n  }\n": types.HealthMetricsDocument,
    "\n  query RecentRepairs($first: Int!) {\n    repairs(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          trigger\n          action\n          specialization\n          createdAt\n          before\n          after\n          jobId\n          student {\n            id\n            fullName\n          }\n          actor {\n            id\n            fullName\n          }\n        }\n      }\n    }\n  }\n": types.RecentRepairsDocument,
    "\n  subscription RepairsMade {\n    repairsMade {\n      trigger\n      madeAt\n      resolvedViolationIds\n      repairs {\n        id\n      }\n    }\n  }\n": types.RepairsMadeDocument,
    "\n  query SystemInfo {\n    systemInfo {\n      version\n      uptimeSeconds\n      workersOnline\n      queueDepth\n      lastCheckAt\n      nextScheduledAt\n    }\n  }\n": types.SystemInfoDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      initialPassword\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.InviteUserDocument,
    "\n  mutation ResetPassword($userId: ID!) {\n    resetPassword(userId: $userId)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n": types.UpdateUserDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    fullName\n    role\n    isActive\n  }\n": types.UserFieldsFragmentDoc,
    "\n  query Users($first: Int, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...UserFields\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  query RepairPreview($studentId: ID!, $specialization: Specialization!) {\n    repairPreview(studentId: $studentId, specialization: $specialization) {\n      studentId\n      specialization\n      alreadyConsistent\n      action\n      violationType\n      progress\n      license\n      changes {\n        field\n        before\n        after\n        changed\n      }\n    }\n  }\n": types.RepairPreviewDocument,
    "\n  mutation ResyncLicense($studentId: ID!, $specialization: Specialization!) {\n    resyncLicense(studentId: $studentId, specialization: $specialization) {\n      id\n    }\n  }\n": types.ResyncLicenseDocument,
    "\n  fragment ViolationFields on Violation {\n    id\n    type\n    specialization\n    progressLevel\n    licenseLevel\n    totalXp\n    firstSeenAt\n    lastSeenAt\n    resolvedAt\n    student {\n      id\n      fullName\n      email\n    }\n  }\n": types.ViolationFieldsFragmentDoc,
    "\n  query Violations($first: Int, $after: String, $last: Int, $before: String, $filter: ViolationFilter) {\n    violations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ViolationFields\n        }\n      }\n    }\n  }\n": types.ViolationsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveAlerts {\n    alerts(first: 50, filter: { firingOnly: true }) {\n      edges {\n        node {\n          ...AlertFields\n        }\n      }\n    }\n    alertRules {\n      ...AlertRuleFields\n    }\n  }\n"): (typeof documents)["\n  query ActiveAlerts {\n    alerts(first: 50, filter: { firingOnly: true }) {\n      edges {\n        node {\n          ...AlertFields\n        }\n      }\n    }\n    alertRules {\n      ...AlertRuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertHistory($first: Int!) {\n    alerts(first: $first) {\n      edges {\n        node {\n          ...AlertFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertHistory($first: Int!) {\n    alerts(first: $first) {\n      edges {\n        node {\n          ...AlertFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertMarks {\n    alerts(first: 50) {\n      edges {\n        node {\n          id\n          state\n          severity\n          value\n          startedAt\n          resolvedAt\n          rule {\n            id\n            name\n            metric\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertMarks {\n    alerts(first: 50) {\n      edges {\n        node {\n          id\n          state\n          severity\n          value\n          startedAt\n          resolvedAt\n          rule {\n            id\n            name\n            metric\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertRuleFields on AlertRule {\n    id\n    name\n    metric\n    warning\n    critical\n    forSeconds\n    recoveryMargin\n    repeatIntervalSeconds\n    escalateAfterSeconds\n    escalationChannel {\n      id\n      name\n    }\n    enabled\n    notifiesEveryChannel\n    silencedUntil\n    silenceReason\n    evaluatedAt\n    state\n    severity\n    value\n    channels {\n      id\n      name\n      kind\n    }\n  }\n"): (typeof documents)["\n  fragment AlertRuleFields on AlertRule {\n    id\n    name\n    metric\n    warning\n    critical\n    forSeconds\n    recoveryMargin\n    repeatIntervalSeconds\n    escalateAfterSeconds\n    escalationChannel {\n      id\n      name\n    }\n    enabled\n    notifiesEveryChannel\n    silencedUntil\n    silenceReason\n    evaluatedAt\n    state\n    severity\n    value\n    channels {\n      id\n      name\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertRules {\n    alertRules {\n      ...AlertRuleFields\n    }\n    notificationChannels {\n      ...NotificationChannelFields\n    }\n  }\n"): (typeof documents)["\n  query AlertRules {\n    alertRules {\n      ...AlertRuleFields\n    }\n    notificationChannels {\n      ...NotificationChannelFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertTransitions($ruleId: ID!) {\n    alertTransitions(ruleId: $ruleId, limit: 50) {\n      id\n      at\n      kind\n      fromState\n      toState\n      severity\n      value\n      suppressed\n    }\n  }\n"): (typeof documents)["\n  query AlertTransitions($ruleId: ID!) {\n    alertTransitions(ruleId: $ruleId, limit: 50) {\n      id\n      at\n      kind\n      fromState\n      toState\n      severity\n      value\n      suppressed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on Alert {\n    id\n    state\n    severity\n    value\n    suppressedBy\n    escalatedAt\n    startedAt\n    resolvedAt\n    acknowledgedAt\n    acknowledgedBy {\n      id\n      fullName\n    }\n    rule {\n      id\n      name\n      metric\n      state\n      severity\n      warning\n      critical\n      forSeconds\n      silencedUntil\n      silenceReason\n    }\n  }\n"): (typeof documents)["\n  fragment AlertFields on Alert {\n    id\n    state\n    severity\n    value\n    suppressedBy\n    escalatedAt\n    startedAt\n    resolvedAt\n    acknowledgedAt\n    acknowledgedBy {\n      id\n      fullName\n    }\n    rule {\n      id\n      name\n      metric\n      state\n      severity\n      warning\n      critical\n      forSeconds\n      silencedUntil\n      silenceReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertsChanged {\n    alertsChanged {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  subscription AlertsChanged {\n    alertsChanged {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateNotificationChannel($input: NotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      ...NotificationChannelFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateNotificationChannel($input: NotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      ...NotificationChannelFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeliveryAttempts($after: String, $channelId: ID, $deadOnly: Boolean) {\n    notificationDeliveries(first: 1, after: $after, channelId: $channelId, deadOnly: $deadOnly) {\n      edges {\n        node {\n          id\n          attemptLog {\n            at\n            statusCode\n            error\n            durationMs\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeliveryAttempts($after: String, $channelId: ID, $deadOnly: Boolean) {\n    notificationDeliveries(first: 1, after: $after, channelId: $channelId, deadOnly: $deadOnly) {\n      edges {\n        node {\n          id\n          attemptLog {\n            at\n            statusCode\n            error\n            durationMs\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationChannelFields on NotificationChannel {\n    id\n    name\n    kind\n    enabled\n    target\n    hasSecret\n    previousSecretUntil\n    createdAt\n  }\n"): (typeof documents)["\n  fragment NotificationChannelFields on NotificationChannel {\n    id\n    name\n    kind\n    enabled\n    target\n    hasSecret\n    previousSecretUntil\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationChannels {\n    notificationChannels {\n      ...NotificationChannelFields\n    }\n  }\n"): (typeof documents)["\n  query NotificationChannels {\n    notificationChannels {\n      ...NotificationChannelFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationDeliveries($first: Int!, $after: String, $channelId: ID, $deadOnly: Boolean) {\n    notificationDeliveries(first: $first, after: $after, channelId: $channelId, deadOnly: $deadOnly) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...NotificationDeliveryFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationDeliveries($first: Int!, $after: String, $channelId: ID, $deadOnly: Boolean) {\n    notificationDeliveries(first: $first, after: $after, channelId: $channelId, deadOnly: $deadOnly) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...NotificationDeliveryFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationDeliveryFields on NotificationDelivery {\n    id\n    event\n    eventId\n    createdAt\n    status\n    attempts\n    lastError\n    deliveredAt\n    channel {\n      id\n      name\n      kind\n    }\n    alert {\n      id\n      severity\n      rule {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment NotificationDeliveryFields on NotificationDelivery {\n    id\n    event\n    eventId\n    createdAt\n    status\n    attempts\n    lastError\n    deliveredAt\n    channel {\n      id\n      name\n      kind\n    }\n    alert {\n      id\n      severity\n      rule {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestNotification($channelId: ID!) {\n    sendTestNotification(channelId: $channelId) {\n      ...NotificationDeliveryFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestNotification($channelId: ID!) {\n    sendTestNotification(channelId: $channelId) {\n      ...NotificationDeliveryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SilenceAlerts($ruleId: ID!, $until: DateTimeISO!, $reason: String!) {\n    silenceAlerts(ruleId: $ruleId, until: $until, reason: $reason) {\n      ...AlertRuleFields\n    }\n  }\n"): (typeof documents)["\n  mutation SilenceAlerts($ruleId: ID!, $until: DateTimeISO!, $reason: String!) {\n    silenceAlerts(ruleId: $ruleId, until: $until, reason: $reason) {\n      ...AlertRuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SilenceAllAlerts($until: DateTimeISO!, $reason: String!) {\n    silenceAllAlerts(until: $until, reason: $reason) {\n      id\n      silencedUntil\n      silenceReason\n    }\n  }\n"): (typeof documents)["\n  mutation SilenceAllAlerts($until: DateTimeISO!, $reason: String!) {\n    silenceAllAlerts(until: $until, reason: $reason) {\n      id\n      silencedUntil\n      silenceReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnsilenceAlerts($ruleId: ID!) {\n    unsilenceAlerts(ruleId: $ruleId) {\n      ...AlertRuleFields\n    }\n  }\n"): (typeof documents)["\n  mutation UnsilenceAlerts($ruleId: ID!) {\n    unsilenceAlerts(ruleId: $ruleId) {\n      ...AlertRuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      ...AlertRuleFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      ...AlertRuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditActors($search: String) {\n    users(first: 100, search: $search) {\n      edges {\n        node {\n          id\n          email\n          fullName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditActors($search: String) {\n    users(first: 100, search: $search) {\n      edges {\n        node {\n          id\n          email\n          fullName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor {\n      id\n      email\n      fullName\n    }\n    targetType\n    targetId\n    before\n    after\n    clientAddress\n    requestId\n  }\n"): (typeof documents)["\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor {\n      id\n      email\n      fullName\n    }\n    targetType\n    targetId\n    before\n    after\n    clientAddress\n    requestId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditLogAppended {\n    auditLogAppended {\n      ...AuditEntryFields\n    }\n  }\n"): (typeof documents)["\n  subscription AuditLogAppended {\n    auditLogAppended {\n      ...AuditEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int, $after: String, $filter: AuditLogFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEntryFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int, $after: String, $filter: AuditLogFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEntryFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        email\n        fullName\n        role\n        permissions\n        mustChangePassword\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        email\n        fullName\n        role\n        permissions\n        mustChangePassword\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CheckRunUpdated {\n    checkRunUpdated {\n      ...CheckRunFields\n    }\n  }\n"): (typeof documents)["\n  subscription CheckRunUpdated {\n    checkRunUpdated {\n      ...CheckRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CheckRunFields on CheckRun {\n    id\n    trigger\n    state\n    progress\n    queuedAt\n    startedAt\n    finishedAt\n    durationMs\n    pairsChecked\n    inconsistent\n    consistencyRate\n    healthState\n    error\n  }\n"): (typeof documents)["\n  fragment CheckRunFields on CheckRun {\n    id\n    trigger\n    state\n    progress\n    queuedAt\n    startedAt\n    finishedAt\n    durationMs\n    pairsChecked\n    inconsistent\n    consistencyRate\n    healthState\n    error\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunHealthCheck {\n    runHealthCheck {\n      ...CheckRunFields\n    }\n  }\n"): (typeof documents)["\n  mutation RunHealthCheck {\n    runHealthCheck {\n      ...CheckRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HealthStatusChanged {\n    healthStatusChanged {\n      ...HealthStatusFields\n    }\n  }\n"): (typeof documents)["\n  subscription HealthStatusChanged {\n    healthStatusChanged {\n      ...HealthStatusFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HealthStatusFields on HealthStatus {\n    state\n    consistencyRate\n    nextScheduledAt\n    liveDetection\n    liveDetectionState\n    detectionLagMs\n    lastRun {\n      ...CheckRunFields\n    }\n    activeRun {\n      ...CheckRunFields\n    }\n  }\n"): (typeof documents)["\n  fragment HealthStatusFields on HealthStatus {\n    state\n    consistencyRate\n    nextScheduledAt\n    liveDetection\n    liveDetectionState\n    detectionLagMs\n    lastRun {\n      ...CheckRunFields\n    }\n    activeRun {\n      ...CheckRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HealthStatus {\n    healthStatus {\n      ...HealthStatusFields\n    }\n  }\n"): (typeof documents)["\n  query HealthStatus {\n    healthStatus {\n      ...HealthStatusFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckRunHistory($first: Int!) {\n    checkRuns(first: $first) {\n      totalCount\n      edges {\n        node {\n          ...CheckRunFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CheckRunHistory($first: Int!) {\n    checkRuns(first: $first) {\n      totalCount\n      edges {\n        node {\n          ...CheckRunFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ViolationsChanged {\n    violationsChanged {\n      opened {\n        ...ViolationFields\n      }\n      resolved\n      openCount\n      detectedAt\n    }\n  }\n"): (typeof documents)["\n  subscription ViolationsChanged {\n    violationsChanged {\n      opened {\n        ...ViolationFields\n      }\n      resolved\n      openCount\n      detectedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HealthMetrics {\n    healthMetrics {\n      pairsChecked\n      openViolations\n      openViolationsByType {\n        type\n        count\n      }\n      checksLast24h\n      repairsLast24h\n      lastCheckDurationMs\n    }\n  }\n"): (typeof documents)["\n  query HealthMetrics {\n    healthMetrics {\n      pairsChecked\n      openViolations\n      openViolationsByType {\n        type\n        count\n      }\n      checksLast24h\n      repairsLast24h\n      lastCheckDurationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentRepairs($first: Int!) {\n    repairs(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          trigger\n          action\n          specialization\n          createdAt\n          before\n          after\n          jobId\n          student {\n            id\n            fullName\n          }\n          actor {\n            id\n            fullName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentRepairs($first: Int!) {\n    repairs(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          trigger\n          action\n          specialization\n          createdAt\n          before\n          after\n          jobId\n          student {\n            id\n            fullName\n          }\n          actor {\n            id\n            fullName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RepairsMade {\n    repairsMade {\n      trigger\n      madeAt\n      resolvedViolationIds\n      repairs {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription RepairsMade {\n    repairsMade {\n      trigger\n      madeAt\n      resolvedViolationIds\n      repairs {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SystemInfo {\n    systemInfo {\n      version\n      uptimeSeconds\n      workersOnline\n      queueDepth\n      lastCheckAt\n      nextScheduledAt\n    }\n  }\n"): (typeof documents)["\n  query SystemInfo {\n    systemInfo {\n      version\n      uptimeSeconds\n      workersOnline\n      queueDepth\n      lastCheckAt\n      nextScheduledAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      initialPassword\n      user {\n        ...UserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      initialPassword\n      user {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($userId: ID!) {\n    resetPassword(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($userId: ID!) {\n    resetPassword(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    email\n    fullName\n    role\n    isActive\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    email\n    fullName\n    role\n    isActive\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($first: Int, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...UserFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($first: Int, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...UserFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepairPreview($studentId: ID!, $specialization: Specialization!) {\n    repairPreview(studentId: $studentId, specialization: $specialization) {\n      studentId\n      specialization\n      alreadyConsistent\n      action\n      violationType\n      progress\n      license\n      changes {\n        field\n        before\n        after\n        changed\n      }\n    }\n  }\n"): (typeof documents)["\n  query RepairPreview($studentId: ID!, $specialization: Specialization!) {\n    repairPreview(studentId: $studentId, specialization: $specialization) {\n      studentId\n      specialization\n      alreadyConsistent\n      action\n      violationType\n      progress\n      license\n      changes {\n        field\n        before\n        after\n        changed\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResyncLicense($studentId: ID!, $specialization: Specialization!) {\n    resyncLicense(studentId: $studentId, specialization: $specialization) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ResyncLicense($studentId: ID!, $specialization: Specialization!) {\n    resyncLicense(studentId: $studentId, specialization: $specialization) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViolationFields on Violation {\n    id\n    type\n    specialization\n    progressLevel\n    licenseLevel\n    totalXp\n    firstSeenAt\n    lastSeenAt\n    resolvedAt\n    student {\n      id\n      fullName\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment ViolationFields on Violation {\n    id\n    type\n    specialization\n    progressLevel\n    licenseLevel\n    totalXp\n    firstSeenAt\n    lastSeenAt\n    resolvedAt\n    student {\n      id\n      fullName\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Violations($first: Int, $after: String, $last: Int, $before: String, $filter: ViolationFilter) {\n    violations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ViolationFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Violations($first: Int, $after: String, $last: Int, $before: String, $filter: ViolationFilter) {\n    violations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ViolationFields\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;