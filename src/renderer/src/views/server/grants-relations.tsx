import type { GrantLink, GrantView } from '../../../../shared/ipc/grants-contract';
import { Button } from '../../components/button';
import { Fact } from '../../components/fact';

// cds-wg1-02 §8.1 `parent`, `children`, `replacing`, `replaced_by`: the Grants this one is tied to,
// named when this app has seen them, each opening its own details.

function LinkItem({
  link,
  onOpen,
}: {
  readonly link: GrantLink;
  readonly onOpen: (grantId: string) => void;
}) {
  const status = link.status ? ` · ${link.status.replace(/_/g, ' ')}` : '';
  if (link.grantId === null) {
    return <span className="mono relation__uri">{link.uri ?? 'Unknown Grant'}</span>;
  }
  const grantId = link.grantId;
  return (
    <Button variant="quiet" size="sm" className="link-button" onPress={() => onOpen(grantId)}>
      <span className="mono">Grant {grantId}</span>
      <span className="muted">
        {link.scope ? ` · ${link.scope}` : ''}
        {status}
      </span>
    </Button>
  );
}

function Relation({
  term,
  links,
  empty,
  onOpen,
}: {
  readonly term: string;
  readonly links: readonly GrantLink[];
  readonly empty: string;
  readonly onOpen: (grantId: string) => void;
}) {
  return (
    <Fact term={term}>
      {links.length === 0 ? (
        <span className="muted">{empty}</span>
      ) : (
        <ul className="relation-list">
          {links.map((link) => (
            <li key={link.grantId ?? link.uri ?? term}>
              <LinkItem link={link} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
    </Fact>
  );
}

export function GrantRelations({
  grant,
  onOpen,
}: {
  readonly grant: GrantView;
  readonly onOpen: (grantId: string) => void;
}) {
  return (
    <section className="grant-block" aria-labelledby="grant-relations-title">
      <h3 className="grant-block__title" id="grant-relations-title">
        Related Grants
      </h3>
      <dl className="facts">
        <Relation
          term="Part of"
          links={grant.parent ? [grant.parent] : []}
          empty="No parent Grant"
          onOpen={onOpen}
        />
        <Relation term="Sub-Grants" links={grant.children} empty="None" onOpen={onOpen} />
        <Relation term="Replaces" links={grant.replacing} empty="Nothing" onOpen={onOpen} />
        <Relation term="Replaced by" links={grant.replacedBy} empty="Not replaced" onOpen={onOpen} />
      </dl>
    </section>
  );
}
