// The TypeScript client openapi-generator makes from openapi/openapi.yaml (typescript-fetch), driving the main flow as
// an integrating engineer would. run.sh compiles it with the client (tsc --strict) and runs it against Prism.
import {
  AccountsApi, Configuration, EventsApi, FeedbackApi, LeadsApi, QueuesApi, ReportsApi, ResponseError, RoutingApi, ScoringApi, SourcesApi, WorkApi,
} from './client';

// node's globals, declared here so the flow compiles without @types/node
declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

const base = process.env.PRISM_BASE_URL ?? '';
const config = new Configuration({ basePath: base, headers: { Authorization: `Bearer ${process.env.PRISM_API_KEY ?? ''}` } });
const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 12)}`;
let calls = 0;
const call = async <T>(what: string, p: Promise<T>): Promise<T> => {
  calls++;
  try {
    return await p;
  } catch (e) {
    const body = e instanceof ResponseError ? `${e.response.status} ${await e.response.text()}` : String(e);
    throw new Error(`${what}: ${body}`);
  }
};
const expect = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`expected ${what}`);
};

async function intakeClaimFeedbackRelease(): Promise<void> {
  const queue = unique('ts').toLowerCase();
  const domain = `${queue}.example`;
  const queues = new QueuesApi(config);
  const routing = new RoutingApi(config);
  await call('createQueue', queues.createQueue({ queueRequest: { id: queue, name: 'TypeScript client' } }));
  await call('putQueueMember', queues.putQueueMember({ queueId: queue, repId: 'rep-ts', queueMemberRequest: {} }));
  expect((await call('getQueue', queues.getQueue({ queueId: queue }))).id === queue, 'the queue');
  await call('replaceRoutingRules', routing.replaceRoutingRules({ routingRules: {
    defaultQueueId: 'inbound', rules: [{ name: 'typescript client', queueId: queue, when: { field: 'domain', op: 'equals', value: domain } }],
  } }));
  try {
    const leads = new LeadsApi(config);
    const work = new WorkApi(config);
    const first = await call('ingestLead', leads.ingestLead({ leadRequest: { email: `ada@${domain}`, firstName: 'Ada', source: 'ts' } }));
    const second = await call('ingestLead', leads.ingestLead({ leadRequest: { email: `grace@${domain}` } }));
    expect(first.lead?.queueId === queue, 'the lead routed to the queue');
    expect(second.lead?.lastName === undefined, 'an unset field left out');
    const claims = await call('claimLeads', work.claimLeads({ queueId: queue, claimRequest: { repId: 'rep-ts', count: 2 } }));
    const tokens = new Map((claims.claimed ?? []).map((c) => [c.lead?.id ?? '', c.leaseToken ?? '']));
    const firstId = first.lead?.id ?? '';
    const secondId = second.lead?.id ?? '';
    expect(tokens.size === 2, 'two claims');
    await call('extendLease', work.extendLease({ id: firstId, leaseExtension: { leaseToken: tokens.get(firstId) ?? '', leaseSeconds: 600 } }));
    await call('listRepLeads', work.listRepLeads({ repId: 'rep-ts', limit: 10 }));
    await call('giveFeedback', new FeedbackApi(config).giveFeedback({ id: firstId,
      feedbackRequest: { outcome: 'ACCEPTED', repId: 'rep-ts', leaseToken: tokens.get(firstId) ?? '' } }));
    await call('releaseLead', work.releaseLead({ id: secondId, releaseRequest: { leaseToken: tokens.get(secondId) ?? '' } }));
    expect((await call('getLead', leads.getLead({ id: firstId }))).status === 'accepted', 'an accepted lead');
    await call('getLeadHistory', leads.getLeadHistory({ id: firstId, limit: 50 }));
    expect(((await call('listLeads', leads.listLeads({ domain, limit: 10 }))).items ?? []).length === 2, 'two leads listed');
    await call('eraseLead', leads.eraseLead({ id: firstId }));
    await call('eraseLead', leads.eraseLead({ id: secondId }));
    expect((await call('getLead', leads.getLead({ id: firstId }))).email === undefined, 'an erased email left out');
  } finally {
    await call('replaceRoutingRules', routing.replaceRoutingRules({ routingRules: { minScore: 0, defaultQueueId: 'inbound', rules: [] } }));
  }
}

async function configurationReportsAndFeed(): Promise<void> {
  const sources = new SourcesApi(config);
  const source = unique('ts-src').toLowerCase();
  await call('createSource', sources.createSource({ sourceRequest: { id: source, kind: 'generic', name: 'TypeScript client', secrets: [`s3cret-${source}`], mapping: { email: '/email' } } }));
  await call('getSource', sources.getSource({ sourceId: source }));
  await call('listSources', sources.listSources({ limit: 100 }));
  await call('deleteSource', sources.deleteSource({ sourceId: source }));
  const accounts = new AccountsApi(config);
  const domain = `${unique('ts-acct')}.example`;
  await call('putAccount', accounts.putAccount({ key: domain, accountRequest: { ownerRepId: 'rep-owner' } }));
  expect((await call('getAccount', accounts.getAccount({ key: domain }))).parentAccountId === undefined, 'an unset parent left out');
  await call('deleteAccount', accounts.deleteAccount({ key: domain }));
  const scoring = new ScoringApi(config);
  await call('listScoringModels', scoring.listScoringModels({ limit: 10 }));
  await call('previewScore', scoring.previewScore({ leadRequest: { email: `preview@${domain}` } }));
  const reports = new ReportsApi(config);
  await call('funnelReport', reports.funnelReport({}));
  await call('leadQualityReport', reports.leadQualityReport({ groupBy: 'source' }));
  await call('slaReport', reports.slaReport({}));
  await call('scoreCalibrationReport', reports.scoreCalibrationReport({}));
  await call('listEvents', new EventsApi(config).listEvents({ limit: 10 }));
}

async function problems(): Promise<void> {
  calls++;
  try {
    await new LeadsApi(config).getLead({ id: '7ZZZZZZZZZZZZZZZZZZZZZZZZZ' });
    throw new Error('expected a 404');
  } catch (e) {
    expect(e instanceof ResponseError && e.response.status === 404, 'a 404 problem');
  }
}

(async () => {
  await intakeClaimFeedbackRelease();
  await configurationReportsAndFeed();
  await problems();
  console.log(`TypeScript client flow: ${calls} calls, 0 failures`);
})().catch((e) => {
  console.error(`TypeScript client flow failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
