import type { AppInfo } from '../../../shared/ipc/contract';
import { Button } from '../components/button';
import { AlertIcon } from '../components/icons';

/** The main area's header: where you are, and the one warning that must stay in sight. */
export function MainHeader({
  title,
  subtitle,
  vault,
  onOpenSettings,
}: {
  readonly title: string;
  readonly subtitle: string;
  readonly vault: AppInfo['vault'];
  readonly onOpenSettings?: () => void;
}) {
  return (
    <header className="main-header">
      <div className="main-header__titles">
        <h1 className="main-header__title" id="main-title">
          {title}
        </h1>
        <p className="main-header__subtitle">{subtitle}</p>
      </div>
      {!vault.persistent && onOpenSettings ? (
        <Button variant="secondary" size="sm" className="main-header__warning" onPress={onOpenSettings}>
          <AlertIcon size={16} />
          <span>Secrets not saved</span>
        </Button>
      ) : null}
    </header>
  );
}
