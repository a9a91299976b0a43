/**
 * Triggers and templates Ferry knows without configuration. Argo CD ships the same
 * trigger names as an optional catalog to apply into argocd-notifications-cm; Ferry uses
 * these when the ConfigMap does not define a trigger or template of that name (a Ferry
 * extension, docs/monitoring.md). The conditions are the catalog's; the messages are Ferry's.
 */
import type { TemplateDef, TriggerCondition } from './argo-config.js';

const phaseIs = (phases: string): string =>
  `app.status.operationState != nil and app.status.operationState.phase in [${phases}]`;

export const CATALOG_TRIGGERS: Record<string, TriggerCondition[]> = {
  'on-created': [{ when: 'true', send: ['app-created'], oncePer: 'app.metadata.name' }],
  'on-deleted': [
    { when: 'app.metadata.deletionTimestamp != nil', send: ['app-deleted'], oncePer: 'app.metadata.name' },
  ],
  'on-deployed': [
    {
      when: `${phaseIs("'Succeeded'")} and app.status.health.status == 'Healthy'`,
      send: ['app-deployed'],
      oncePer: 'app.status.operationState?.syncResult?.revision',
    },
  ],
  'on-health-degraded': [{ when: "app.status.health.status == 'Degraded'", send: ['app-health-degraded'] }],
  'on-sync-failed': [{ when: phaseIs("'Error', 'Failed'"), send: ['app-sync-failed'] }],
  'on-sync-running': [{ when: phaseIs("'Running'"), send: ['app-sync-running'] }],
  'on-sync-status-unknown': [
    { when: "app.status.sync.status == 'Unknown'", send: ['app-sync-status-unknown'] },
  ],
  'on-sync-succeeded': [{ when: phaseIs("'Succeeded'"), send: ['app-sync-succeeded'] }],
  // Ferry's own: OutOfSync for five minutes in a row, and rollbacks (from Ferry's Events).
  'on-out-of-sync-for': [
    { when: "app.status.sync.status == 'OutOfSync'", for: '5m', send: ['app-out-of-sync'] },
  ],
  'on-rollback': [{ when: 'true', onEvent: ['RollbackRequested'], send: ['app-rollback'] }],
};

const message = (text: string): TemplateDef => ({ message: text });

export const CATALOG_TEMPLATES: Record<string, TemplateDef> = {
  'app-created': message('Application {{.app.metadata.name}} was created.'),
  'app-deleted': message('Application {{.app.metadata.name}} was deleted.'),
  'app-deployed': message(
    'Application {{.app.metadata.name}} is now running revision {{.app.status.sync.revision}}.',
  ),
  'app-health-degraded': message(
    'Application {{.app.metadata.name}} is Degraded: {{.app.status.health.message}}',
  ),
  'app-sync-failed': message(
    'Sync of application {{.app.metadata.name}} failed: {{.app.status.operationState.message}}',
  ),
  'app-sync-running': message('Sync of application {{.app.metadata.name}} started.'),
  'app-sync-status-unknown': message('Sync status of application {{.app.metadata.name}} is Unknown.'),
  'app-sync-succeeded': message('Application {{.app.metadata.name}} synced successfully.'),
  'app-out-of-sync': message('Application {{.app.metadata.name}} has been OutOfSync for a while.'),
  'app-rollback': message('Application {{.app.metadata.name}}: {{.event.message}}'),
};
