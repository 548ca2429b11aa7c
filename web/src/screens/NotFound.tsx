import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { Page } from '../lib/ui';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <Link href="/" className="button">
        {t('notFound.home')}
      </Link>
    </Page>
  );
}
