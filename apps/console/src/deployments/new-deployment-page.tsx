import { useEffect, useState, type FormEvent } from 'react';
import type { Entity, GroupSummary, MachineSummary, PackageDetail, PackageSummary } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { deploymentPath } from '../routes.js';
import { Alert } from '../ui/alert.js';
import { Crumbs } from '../ui/crumbs.js';
import { ErrorList } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { useForm } from '../ui/use-form.js';
import { useSubmit } from '../ui/use-submit.js';
import { useTitle } from '../ui/use-title.js';
import { deploymentRequest, emptyForm, type DeploymentForm } from './deployment-form.js';
import { ScheduleFields } from './schedule-fields.js';
import { TargetPicker } from './target-picker.js';

/** A submitted package version sent to machines: `/deployments/new?package=<id>&revision=<n>`. */
export function NewDeploymentPage() {
  const { query } = useLocation();
  const { form, change } = useForm<DeploymentForm>(() => ({
    ...emptyForm,
    packageId: query.get('package') ?? '',
    revision: Number(query.get('revision')) || null,
  }));
  const [packages, setPackages] = useState<PackageSummary[]>([]);
  const [pkg, setPkg] = useState<PackageDetail | null>(null);
  const [machines, setMachines] = useState<MachineSummary[] | null>(null);
  const [entities, setEntities] = useState<Entity[]>([]);
  const [groups, setGroups] = useState<GroupSummary[] | string>([]);
  const { busy, errors, run, fail } = useSubmit();
  useTitle('New deployment');
  const refused = (failure: unknown) => fail([errorMessage(failure)]);

  useEffect(() => {
    api.packages().then((list) => setPackages(list.items.filter((p) => p.latest !== null)), refused);
    api.machines({ limit: 1000 }).then((list) => setMachines(list.items), refused);
    api.entities().then((list) => setEntities(list.items), refused);
    // Said in the picker, not above the form: a user who may not see groups can still deploy.
    api.groups().then(
      (list) => setGroups(list.items),
      (failure: unknown) => setGroups(errorMessage(failure)),
    );
  }, []);
  useEffect(() => {
    let current = true;
    setPkg(null);
    if (form.packageId) api.package(form.packageId).then((detail) => current && setPkg(detail), refused);
    return () => {
      current = false;
    };
  }, [form.packageId]);

  const submitted = pkg?.versions.filter((v) => v.status === 'submitted') ?? [];
  const chosen = submitted.find((v) => v.revision === form.revision) ?? submitted[0];
  const packageOs = pkg && chosen?.revision === pkg.current.revision ? pkg.current.os : (pkg?.os ?? []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = deploymentRequest(form, Date.now());
    if (result.errors) return fail(result.errors);
    await run(async () => navigate(deploymentPath((await api.createDeployment(result.request)).id)));
  }

  return (
    <section aria-labelledby="new-deployment-title">
      <Crumbs to="/deployments">Deployments</Crumbs>
      <div className="toolbar">
        <h1 id="new-deployment-title">New deployment</h1>
      </div>
      <form className="stack-form" onSubmit={(event) => void submit(event)}>
        <fieldset className="panel">
          <legend>Package</legend>
          <div className="form-row">
            <label className="grow">
              Package
              <select value={form.packageId} onChange={(e) => change({ packageId: e.target.value, revision: null })}>
                <option value="">Choose a submitted package…</option>
                {form.packageId && !packages.some((p) => p.id === form.packageId) && (
                  <option value={form.packageId}>{pkg?.name ?? '…'}</option>
                )}
                {packages.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} {p.latest?.version}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Version
              <select value={chosen?.revision ?? ''} onChange={(e) => change({ revision: Number(e.target.value) || null })}>
                {submitted.map((v, index) => (
                  <option key={v.revision} value={v.revision}>
                    {v.version}
                    {index === 0 ? ' (latest)' : ''}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
        <TargetPicker form={form} machines={machines} entities={entities} groups={groups} packageOs={packageOs} onChange={change} />
        <ScheduleFields form={form} defaultTitle={pkg && chosen ? `${pkg.name} ${chosen.version}` : ''} onChange={change} />
        <ErrorList errors={errors} />
        <div className="form-actions">
          <SubmitButton busy={busy} busyText="Deploying…">
            Deploy
          </SubmitButton>
          <Link to="/deployments">Cancel</Link>
        </div>
      </form>
      {packages.length === 0 && machines !== null && <Alert kind="info">No package has a submitted version yet: submit one first.</Alert>}
    </section>
  );
}
