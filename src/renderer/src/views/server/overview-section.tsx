import type {
  RegistrationFieldView,
  ScopeView,
  ServerOverview,
} from '../../../../shared/ipc/servers-contract';
import { Button } from '../../components/button';
import { DateTime } from '../../components/date-time';
import { ExternalLink } from '../../components/external-link';
import { Fact } from '../../components/fact';
import { AlertIcon } from '../../components/icons';
import { StatusChip } from '../../components/status-chip';
import { useNavigationStore } from '../../stores/renderer-stores';
import { describeRequirement, humanizeCode, scopeKindLabels, scopeKindPurposes } from './cds-wording';
import type { ServerSectionProps } from './server-section-props';

/**
 * What a Server is and offers (cds-wg1-01 §3.2 metadata, §4 coverage; cds-wg1-02 §3.2–§3.6 scopes
 * and what registering for each requires), its policy and terms, and where this organisation stands.
 */
export function OverviewSection({ overview }: ServerSectionProps) {
  return (
    <div className="section-stack">
      <RegistrationStanding overview={overview} />
      {overview.warnings.length > 0 || overview.legacyDraft ? <Warnings overview={overview} /> : null}
      <div className="section-columns">
        <About overview={overview} />
        <Coverage overview={overview} />
      </div>
      <Scopes scopes={overview.scopes} />
      <Links overview={overview} />
    </div>
  );
}

function RegistrationStanding({ overview }: { readonly overview: ServerOverview }) {
  const openSection = useNavigationStore((state) => state.openSection);
  const registration = overview.registration;
  if (registration === null) {
    return (
      <section className="callout callout--action" aria-labelledby="overview-register">
        <div className="callout__body">
          <h2 className="callout__title" id="overview-register">
            You have not registered with {overview.name} yet
          </h2>
          <p className="callout__text">
            Registering creates Client Objects for your organisation on this Server. Choose the scopes you
            need; CDS Companion fills in the form the Server asks for and keeps the credentials safe.
          </p>
        </div>
        <Button variant="primary" onPress={() => openSection('registration')}>
          Register with {overview.name}
        </Button>
      </section>
    );
  }
  const openTodos = registration.todos.filter((todo) => todo.status !== 'complete');
  return (
    <section className="callout callout--success" aria-labelledby="overview-registered">
      <div className="callout__body">
        <h2 className="callout__title" id="overview-registered">
          Registered {registration.clientName ? `as ${registration.clientName}` : ''}
        </h2>
        <p className="callout__text">
          Since <DateTime value={registration.registeredAt} /> with {registration.scopes.length} scope
          {registration.scopes.length === 1 ? '' : 's'}.{' '}
          {openTodos.length > 0
            ? `${openTodos.length} step${openTodos.length === 1 ? '' : 's'} left before production access.`
            : null}
        </p>
      </div>
      <div className="callout__actions">
        <Button variant="secondary" onPress={() => openSection('registration')}>
          {openTodos.length > 0 ? 'See the to-dos' : 'Registration details'}
        </Button>
        <Button variant="primary" onPress={() => openSection('clients')}>
          Client Objects
        </Button>
      </div>
    </section>
  );
}

function Warnings({ overview }: { readonly overview: ServerOverview }) {
  return (
    <div className="callout callout--warning" role="status">
      <AlertIcon size={20} />
      <div>
        <p className="callout__title">This Server’s metadata has problems</p>
        <ul className="callout__list">
          {overview.legacyDraft ? (
            <li>It follows an older draft of the specification; some features may not work.</li>
          ) : null}
          {overview.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function OptionalLink({ href }: { readonly href: string | null }) {
  return href ? <ExternalLink href={href} /> : <span className="muted">Not given</span>;
}

function About({ overview }: { readonly overview: ServerOverview }) {
  return (
    <section className="panel" aria-labelledby="overview-about">
      <h2 className="panel__title" id="overview-about">
        About this Server
      </h2>
      {overview.description ? <p className="panel__intro">{overview.description}</p> : null}
      <dl className="facts">
        <Fact term="Website">
          <OptionalLink href={overview.website} />
        </Fact>
        <Fact term="Documentation">
          <OptionalLink href={overview.documentation} />
        </Fact>
        <Fact term="Support">
          <OptionalLink href={overview.support} />
        </Fact>
        <Fact term="Time zone">{overview.timezone ?? <span className="muted">Not given</span>}</Fact>
        <Fact term="Metadata">
          <span className="mono facts__path">{overview.metadataUrl ?? overview.oauthMetadataUrl}</span>
        </Fact>
      </dl>
    </section>
  );
}

function ChipList({ items, empty }: { readonly items: readonly string[]; readonly empty: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="tag-list">
      {items.map((item) => (
        <li key={item} className="tag">
          {humanizeCode(item)}
        </li>
      ))}
    </ul>
  );
}

const countryNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' });
  } catch {
    return null;
  }
})();

function countryName(code: string): string {
  try {
    return countryNames?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

function Coverage({ overview }: { readonly overview: ServerOverview }) {
  const { coverage } = overview;
  return (
    <section className="panel" aria-labelledby="overview-coverage">
      <h2 className="panel__title" id="overview-coverage">
        Coverage
      </h2>
      <p className="panel__intro">
        {coverage.entryCount === 0
          ? 'The Server does not publish where it has data.'
          : `Where and for what this Server has data (${coverage.entryCount} coverage area${coverage.entryCount === 1 ? '' : 's'}).`}
      </p>
      <dl className="facts">
        <Fact term="Organisations">
          <ChipList items={coverage.entities} empty="Not stated" />
        </Fact>
        <Fact term="Territories">
          <ChipList items={coverage.countries.map(countryName)} empty="Not stated" />
        </Fact>
        <Fact term="Commodities">
          <ChipList items={coverage.commodityTypes} empty="Not stated" />
        </Fact>
        <Fact term="Roles">
          <ChipList items={[...coverage.infrastructureTypes, ...coverage.roles]} empty="Not stated" />
        </Fact>
      </dl>
      {coverage.error ? (
        <p className="panel__note" role="status">
          Coverage could not be read completely: {coverage.error}
        </p>
      ) : !coverage.complete ? (
        <p className="panel__note">Only part of the coverage list was read.</p>
      ) : null}
    </section>
  );
}

function Scopes({ scopes }: { readonly scopes: readonly ScopeView[] }) {
  return (
    <section className="panel" aria-labelledby="overview-scopes">
      <h2 className="panel__title" id="overview-scopes">
        What you can register for
      </h2>
      <p className="panel__intro">
        Each scope is a kind of access. Registering for a scope may ask for information up front and for steps
        afterwards before production access.
      </p>
      <ul className="scope-list stack-list">
        {scopes.map((scope) => (
          <li key={scope.id} className="scope-card">
            <ScopeCard scope={scope} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ScopeCard({ scope }: { readonly scope: ScopeView }) {
  const inputs = scope.requirements.filter((field) => field.kind === 'input');
  const steps = scope.requirements.filter((field) => field.kind === 'after-registration');
  return (
    <article aria-labelledby={`scope-${scope.id}`}>
      <header className="scope-card__header">
        <h3 className="scope-card__title" id={`scope-${scope.id}`}>
          {scope.name}
        </h3>
        <StatusChip tone={scope.compatible ? 'neutral' : 'warning'}>{scopeKindLabels[scope.kind]}</StatusChip>
        {scope.userAuthorization ? <StatusChip tone="info">Customers authorize</StatusChip> : null}
        {!scope.registrable ? <StatusChip tone="warning">Not open for registration</StatusChip> : null}
      </header>
      <p className="scope-card__description">{scope.description}</p>
      <p className="scope-card__purpose">{scopeKindPurposes[scope.kind]}</p>
      {inputs.length + steps.length + scope.optional.length === 0 ? (
        <p className="scope-card__requirements-none">Nothing extra is needed to register for this scope.</p>
      ) : (
        <div className="scope-card__requirements">
          {inputs.length > 0 ? (
            <RequirementList title="You provide when registering" fields={inputs} />
          ) : null}
          {steps.length > 0 ? <RequirementList title="Steps after registering" fields={steps} /> : null}
          {scope.optional.length > 0 ? <RequirementList title="Optional" fields={scope.optional} /> : null}
        </div>
      )}
      <p className="scope-card__footer">
        <span className="mono scope-card__id">{scope.id}</span>
        <ExternalLink href={scope.documentation}>Documentation</ExternalLink>
      </p>
    </article>
  );
}

function RequirementList({
  title,
  fields,
}: {
  readonly title: string;
  readonly fields: readonly RegistrationFieldView[];
}) {
  return (
    <div className="requirement-list">
      <h4 className="requirement-list__title">{title}</h4>
      <ul>
        {fields.map((field) => (
          <li key={field.id}>
            <span className="requirement-list__what">{describeRequirement(field)}</span>
            {field.description ? <span className="requirement-list__why"> — {field.description}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Links({ overview }: { readonly overview: ServerOverview }) {
  if (overview.links.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="overview-links">
      <h2 className="panel__title" id="overview-links">
        Policies, terms and help
      </h2>
      <ul className="link-list">
        {overview.links.map((link) => (
          <li key={`${link.label}-${link.uri}`}>
            <ExternalLink href={link.uri}>{link.label}</ExternalLink>
            <span className="link-list__uri mono">{link.uri}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
