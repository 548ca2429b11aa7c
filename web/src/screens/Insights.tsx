import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';
import { type MessageKey, useI18n } from '../i18n';
import { Empty, ErrorNote, Loading, Page } from '../lib/ui';

type Group = Schemas['GroupInsightDto'];

/** How the organization's completed collaborations went, by form, partner and fit band; the same as CSV. */
export default function Insights() {
  const { t, tx } = useI18n();
  const insights = useQuery({ queryKey: ['insights'], queryFn: () => call(api.GET('/api/v1/insights')) });
  const csv = (
    <a className="button" href="/api/v1/insights.csv" download>
      {t('insights.csv')}
    </a>
  );
  if (insights.isPending) return <Page title={t('insights.title')}>{<Loading />}</Page>;
  if (insights.isError)
    return (
      <Page title={t('insights.title')}>
        <ErrorNote error={insights.error} onRetry={() => void insights.refetch()} />
      </Page>
    );
  const data = insights.data;
  return (
    <Page title={t('insights.title')} actions={csv}>
      <p className="why">{t('insights.why')}</p>
      {data.overall.collaborations === 0 ? (
        <section className="card">
          <Empty>{t('insights.none')}</Empty>
        </section>
      ) : (
        <>
          <section className="card" aria-labelledby="overall-title">
            <h2 id="overall-title">{t('insights.overall')}</h2>
            <Figures group={data.overall} />
          </section>
          <div className="grid">
            <Groups title={t('insights.byForm')} groups={data.byForm} name={(g) => t(`form.${g.group}` as MessageKey)} />
            <Groups title={t('insights.byPartner')} groups={data.byPartner} name={(g) => g.name ?? g.group} />
            <Groups
              title={t('insights.byFitBand')}
              groups={data.byFitBand}
              name={(g) => {
                const band = data.fitBands.find((b) => b.band === g.group);
                // Band names come from templates/reviews/fit-bands.json: a name the catalog lacks shows as it is written there.
                const name = tx(`fitBand.${g.group}`, g.group);
                return band
                  ? t('insights.band', { band: name, min: band.min, max: Math.min(100, band.below - 1) })
                  : t('insights.bandUnknown');
              }}
            />
          </div>
        </>
      )}
    </Page>
  );
}

function Figures({ group }: { group: Group }) {
  const { t, lang } = useI18n();
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  const show = (value: number | null, rupiah = false): string =>
    value === null ? '—' : (rupiah ? 'Rp ' : '') + value.toLocaleString(locale, { maximumFractionDigits: 2 });
  return (
    <dl className="stats">
      <div>
        <dt>{t('insights.collaborations')}</dt>
        <dd>{t('insights.reviewedOf', { reviewed: group.reviewed, total: group.collaborations })}</dd>
      </div>
      <div>
        <dt>{t('insights.medianGrowth')}</dt>
        <dd>{show(group.medianFollowerGrowthPct)}</dd>
      </div>
      <div>
        <dt>{t('insights.medianProfit')}</dt>
        <dd>{show(group.medianProfit, true)}</dd>
      </div>
      <div>
        <dt>{t('insights.targetsMet')}</dt>
        <dd>{t('insights.metOf', { met: group.targetsMet, total: group.targetsWithResult })}</dd>
      </div>
    </dl>
  );
}

/** One group kind: a bar per group for the share of targets met (CSS, on a 0–100 scale), with its figures. */
function Groups({ title, groups, name }: { title: string; groups: Group[]; name: (g: Group) => string }) {
  const { t } = useI18n();
  const shown = groups.filter((g) => g.collaborations > 0);
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {shown.length === 0 ? (
        <Empty>{t('insights.none')}</Empty>
      ) : (
        <ul className="bars">
          {shown.map((g) => (
            <li key={g.group}>
              <strong>{name(g)}</strong>
              <div className="bar-row bar-actual">
                <span className="bar-label">{t('insights.share')}</span>
                <span className="bar-track" aria-hidden="true">
                  <span className="bar" style={{ width: `${g.shareOfTargetsMetPct ?? 0}%` }} />
                </span>
                <span className="bar-value">{g.shareOfTargetsMetPct === null ? '—' : `${g.shareOfTargetsMetPct}%`}</span>
              </div>
              <Figures group={g} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
