import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/app.js';
import { registerUser, registration, type Registered } from './support/factories.js';
import { driveTo, eventually, type Pair, send, view } from './support/lifecycle.js';
import { pdfBytes, pdfText } from './support/pdf-text.js';

// Issue 14 §2: parties named as Indonesian practice requires, the language rule, and the dispute forums.

const organization = (legalForm: string, city: string, country?: string) => ({
  organization: {
    name: `Org ${legalForm}`,
    legalForm,
    scale: 'small',
    city,
    brands: ['KINASIH'],
    categories: ['apparel'],
    ...(country && { country }),
  },
});
const DEED = { number: '12', date: '2020-03-15', notary: 'Rina Kartika, S.H., M.Kn.' };
const OWNER_NIK = '3471014101900001';
const INDIVIDUAL_NIK = '3578015203950004';
const DETAILS = {
  pt: {
    legalName: 'PT Sandang Sore Kreatif',
    address: 'Jl. Ir. H. Juanda No. 45, Bandung 40132',
    nib: '9120003344556',
    npwp: '012345678901234',
    deed: DEED,
    skAhu: 'AHU-0012345.AH.01.01.Tahun 2020',
    signatory: { name: 'Rina Kartika', title: 'Direktur' },
  },
  cv: {
    legalName: 'CV Senja Busana',
    address: 'Jl. Raya Darmo No. 54, Bandung 40111',
    nib: '9120003456789',
    npwp: '012345678901235',
    deed: DEED,
    signatory: { name: 'Nadia Rahmawati', title: 'Direktur' },
  },
  ud: {
    legalName: 'UD Batik Kinasih',
    address: 'Jl. Malioboro No. 25, Bandung 40115',
    nib: '9120007654321',
    owner: { name: 'Siti Aminah', nik: OWNER_NIK },
  },
  individual: { legalName: 'Ayu Larasati', address: 'Jl. Kertajaya No. 12, Bandung 40116', ktp: INDIVIDUAL_NIK },
  foreign: {
    legalName: 'Kain Studio Pte. Ltd.',
    address: '10 Anson Road, Singapore 079903',
    signatory: { name: 'Mei Tan', title: 'Director' },
  },
} as const;

const LICENSING = {
  startDate: '2027-01-01',
  endDate: '2027-12-31',
  exclusivity: false,
  disputeResolution: 'district_court',
  districtCourt: 'Bandung',
  confidentialityYears: 2,
  licensor: 'partner',
  marks: [{ name: 'BATIK KINASIH', registrationNumber: 'IDM000812345', classes: [25] }],
  exclusive: false,
  subLicensing: false,
  royaltyPercent: 8,
  minimumGuarantee: 24_000_000,
  reportingPeriod: 'quarterly',
  qualityControl: 'Samples approved before production',
};
const ENDORSEMENT = {
  startDate: '2027-01-01',
  endDate: '2027-04-30',
  exclusivity: true,
  disputeResolution: 'bani',
  arbitrationSeat: 'Jakarta',
  arbitrators: 3,
  arbitrationLanguage: 'id',
  confidentialityYears: 1,
  endorser: 'partner',
  deliverables: [{ platform: 'Instagram', format: 'Reels', count: 3, dueDate: '2027-02-01' }],
  fee: 15_000_000,
  usageRightsMonths: 6,
};

describe('parties, language and disputes (issue 14 §2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const patch = (who: Registered, body: object) => t.http().patch(`/api/v1/organizations/${who.organizationId}`).set(who.auth).send(body);
  async function party(legalForm: keyof typeof DETAILS, city = 'Bandung', details: object = DETAILS[legalForm]): Promise<Registered> {
    const who = await registerUser(
      t,
      organization(legalForm === 'foreign' ? 'pt' : legalForm, city, legalForm === 'foreign' ? 'SG' : undefined),
    );
    await patch(who, details).expect(200);
    return who;
  }
  /** A collaboration of `form` in negotiation, no terms proposed yet. */
  async function negotiating(p: Pair, form: string): Promise<string> {
    const id = await driveTo(t, p, 'invitation', { form });
    await send(t, p.partner, id, { type: 'invitation.accept' }).expect(200);
    return id;
  }
  /** A generated agreement: a long one takes seconds to render on a loaded machine, so the wait is longer than driveTo's. */
  async function agreed(p: Pair, form: string, terms: object): Promise<string> {
    const id = await driveTo(t, p, 'negotiation', { form }, terms as Record<string, unknown>);
    await send(t, p.partner, id, { type: 'terms.accept', revision: 1 }).expect(200);
    await eventually(t, p.initiator, id, (v) => Boolean(v.context.agreement?.sha256), 30_000);
    return id;
  }
  const pdf = async (who: Registered, id: string): Promise<string> => {
    const res = await t.http().get(`/api/v1/collaborations/${id}/agreements/1/pdf`).set(who.auth).buffer(true).parse(pdfBytes).expect(200);
    return (await pdfText(res.body as Buffer)).join(' ');
  };

  describe('organization fields', () => {
    it.each([
      [{ deed: { number: '12', date: '2020-02-30', notary: 'Rina' } }, 'deed.date'],
      [{ deed: { number: '12', date: '2020-02-01' } }, 'deed.notary'],
      [{ deed: { number: '12', date: '2999-01-01', notary: 'Rina' } }, 'deed.date'],
      [{ skAhu: '0012345.AH.01.01' }, 'skAhu'],
      [{ owner: { name: 'Siti Aminah', nik: '12345' } }, 'owner.nik'],
      [{ owner: { nik: OWNER_NIK } }, 'owner.name'],
      [{ country: 'XX' }, 'country'],
      [{ country: 'id' }, 'country'],
      [{ country: null }, 'country'],
    ])('PATCH %j is 400 naming %s', async (body, field) => {
      const who = await registerUser(t);
      const res = await patch(who, body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('a deed dated after today (Jakarta) is refused with the rest of the change: nothing half-written', async () => {
      const who = await registerUser(t);
      const tomorrow = new Date(Date.now() + 7 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
      const res = await patch(who, { city: 'Medan', deed: { ...DEED, date: tomorrow } }).expect(400);
      expect(res.body.details.fields).toEqual([{ field: 'deed.date', problems: [expect.stringContaining('after today')] }]);
      const after = await t.http().get(`/api/v1/organizations/${who.organizationId}`).set(who.auth).expect(200);
      expect(after.body.city).not.toBe('Medan');
      expect(after.body.deed).toBeNull();
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      await patch(who, { deed: { ...DEED, date: today } }).expect(200);
    });

    it('keeps the deed, SK AHU and country; the owner’s NIK is sealed, in full only in the logged read', async () => {
      const who = await registerUser(t, organization('ud', 'Bandung'));
      const saved = await patch(who, { ...DETAILS.ud, deed: DEED, skAhu: 'AHU-0012345.AH.01.01.Tahun 2020', country: 'ID' }).expect(200);
      expect(saved.body).toMatchObject({
        country: 'ID',
        deed: DEED,
        skAhu: 'AHU-0012345.AH.01.01.Tahun 2020',
        owner: { name: 'Siti Aminah', nik: '••••••••••••0001' },
      });
      const me = await t.http().get('/api/v1/me').set(who.auth).expect(200);
      expect(me.body.organizations[0].owner).toEqual({ name: 'Siti Aminah', nik: '••••••••••••0001' });
      const full = await t.http().get(`/api/v1/organizations/${who.organizationId}`).set(who.auth).expect(200);
      expect(full.body.owner).toEqual({ name: 'Siti Aminah', nik: OWNER_NIK });
      const reads = await t.http().get(`/api/v1/organizations/${who.organizationId}/legal-details/reads`).set(who.auth).expect(200);
      expect(reads.body.items[0]).toMatchObject({ purpose: 'organization', reader: { id: who.userId } });
      const ds = t.app.get(DataSource);
      const [row] = await ds.query(
        `SELECT owner_nik_sealed, country FROM organizations WHERE id = ${ds.options.type === 'postgres' ? '$1' : '?'}`,
        [who.organizationId],
      );
      expect(row.country).toBe('ID');
      expect(row.owner_nik_sealed).not.toContain(OWNER_NIK);
      const cleared = await patch(who, { owner: null, deed: null, skAhu: null }).expect(200);
      expect(cleared.body).toMatchObject({ owner: null, deed: null, skAhu: null });
    });

    it('registers with country ID by default, or the one given', async () => {
      const local = await registerUser(t);
      expect((await t.http().get(`/api/v1/organizations/${local.organizationId}`).set(local.auth).expect(200)).body.country).toBe('ID');
      const res = await t
        .http()
        .post('/api/v1/auth/register')
        .send(registration(organization('pt', 'Singapore', 'SG')))
        .expect(201);
      expect(res.body.organization.country).toBe('SG');
    });
  });

  describe('AGREEMENT_DATA_INCOMPLETE per legal form', () => {
    it('names what each party’s legal form still needs: a PT its SK AHU, a UD its owner', async () => {
      const { skAhu: _, ...ptWithoutSkAhu } = DETAILS.pt;
      const { owner: __, ...udWithoutOwner } = DETAILS.ud;
      const p = { initiator: await party('pt', 'Bandung', ptWithoutSkAhu), partner: await party('ud', 'Bandung', udWithoutOwner) };
      const id = await negotiating(p, 'licensing');
      await send(t, p.initiator, id, { type: 'terms.propose', terms: LICENSING }).expect(200);
      const res = await send(t, p.partner, id, { type: 'terms.accept', revision: 1 }).expect(422);
      expect(res.body.code).toBe('AGREEMENT_DATA_INCOMPLETE');
      expect(res.body.details.parties).toEqual({
        initiator: { legalForm: 'pt', country: 'ID', missing: ['skAhu'] },
        partner: { legalForm: 'ud', country: 'ID', missing: ['owner'] },
      });
      expect(res.body.details.missing).toEqual(['parties.initiator.skAhu', 'parties.partner.owner']);
    });

    it('an individual needs their NIK (and no signatory); a court clause needs its named court', async () => {
      const { ktp: _, ...withoutNik } = DETAILS.individual;
      const p = { initiator: await party('cv'), partner: await party('individual', 'Bandung', withoutNik) };
      const id = await negotiating(p, 'endorsement');
      const { districtCourt: __, ...terms } = { ...ENDORSEMENT, disputeResolution: 'district_court', districtCourt: 'Bandung' };
      await send(t, p.initiator, id, { type: 'terms.propose', terms }).expect(200);
      const res = await send(t, p.partner, id, { type: 'terms.accept', revision: 1 }).expect(422);
      expect(res.body.details.parties).toEqual({ partner: { legalForm: 'individual', country: 'ID', missing: ['ktp'] } });
      expect(res.body.details.missing).toEqual(['parties.partner.ktp', 'terms.districtCourt']);
    });
  });

  describe('the agreement', () => {
    it('a PT–UD licence: "Pada hari ini", the PT by domicile, deed, notary and SK AHU, the UD by its owner; parties and recitals unnumbered; the named court', async () => {
      const p = { initiator: await party('pt'), partner: await party('ud') };
      const id = await agreed(p, 'licensing', LICENSING);
      const text = await pdf(p.partner, id);
      expect(text).toMatch(/Pada hari ini, \w+, tanggal \d+ \w+ \d{4}, bertempat di Bandung/);
      expect(text).toContain(
        'PT Sandang Sore Kreatif, suatu perseroan terbatas yang didirikan berdasarkan hukum Negara Republik Indonesia, berkedudukan di Bandung',
      );
      expect(text).toContain('Akta Pendirian Nomor 12 tanggal 15 Maret 2020 yang dibuat di hadapan Rina Kartika, S.H., M.Kn., Notaris');
      expect(text).toContain('Keputusan Menteri Nomor AHU-0012345.AH.01.01.Tahun 2020');
      expect(text).toContain('Nomor Pokok Wajib Pajak (NPWP) 012345678901234');
      expect(text).toContain(`UD Batik Kinasih, milik Siti Aminah, pemegang Kartu Tanda Penduduk dengan NIK ${OWNER_NIK}`);
      // The licensor DJKI records is the owner, not the UD.
      expect(text).toContain('The Licensor is Siti Aminah (UD Batik Kinasih)');
      expect(text).toContain('Bertindak untuk dirinya sendiri / In their own right Siti Aminah (UD Batik Kinasih)');
      expect(text).toContain('Berdasarkan hal-hal tersebut di atas, Para Pihak sepakat');
      expect(text).not.toMatch(/\d+\. Para Pihak|\d+\. Latar Belakang|\d+\. Parties|\d+\. Recitals/);
      expect(text).toMatch(/Para Pihak \/ Parties|Para Pihak Parties/);
      expect(text).toMatch(/1\. Definisi/);
      expect(text).toContain('Kepaniteraan Pengadilan Negeri Bandung');
      expect(text).toContain('Pengadilan Niaga');
      expect(text).toContain('"Mediasi" berarti');
    });

    it('an endorsement: the individual acts in her own right (never "untuk dan atas nama"); BANI with seat, arbitrators and language', async () => {
      const p = { initiator: await party('cv'), partner: await party('individual') };
      const id = await agreed(p, 'endorsement', ENDORSEMENT);
      const text = await pdf(p.initiator, id);
      const individual = /Ayu Larasati, pemegang Kartu Tanda Penduduk[^;]*?"Pihak Kedua"\)/.exec(text)?.[0] ?? '';
      expect(individual).toContain(`NIK ${INDIVIDUAL_NIK}`);
      expect(individual).toContain('bertindak untuk dirinya sendiri');
      expect(individual).not.toContain('untuk dan atas nama');
      expect(text).toContain('acting in their own right');
      // Her signature block too: in her own right, not "for and on behalf of" herself.
      expect(text).toContain('Bertindak untuk dirinya sendiri / In their own right Ayu Larasati');
      expect(text).not.toMatch(/atas nama( \/ For and on behalf of)? Ayu Larasati/i);
      // The CV still acts through its director, for and on its behalf.
      expect(text).toContain('yang berwenang bertindak untuk dan atas nama CV Senja Busana');
      expect(text).toContain('Badan Arbitrase Nasional Indonesia (BANI)');
      expect(text).toContain('tempat kedudukan arbitrase di Jakarta dan oleh 3 (tiga) orang arbiter');
      expect(text).toContain('Arbitrase diselenggarakan dalam bahasa Indonesia.');
    });
  });

  describe('the language rule', () => {
    it('English prevailing between Indonesian parties is 422 PREVAILING_LANGUAGE_NOT_ALLOWED citing UU 24/2009; with a foreign party it is allowed', async () => {
      const local = { initiator: await party('cv'), partner: await party('pt') };
      const id = await negotiating(local, 'licensing');
      const before = (await view(t, local.initiator, id)).version;
      const res = await send(t, local.initiator, id, { type: 'terms.propose', terms: { ...LICENSING, governingLanguage: 'en' } }).expect(
        422,
      );
      expect(res.body).toMatchObject({
        statusCode: 422,
        code: 'PREVAILING_LANGUAGE_NOT_ALLOWED',
        details: { field: 'terms.governingLanguage' },
      });
      expect(res.body.message).toContain('UU 24/2009 Art. 31');
      expect(res.body.message).toContain('§4.2');
      expect((await view(t, local.initiator, id)).version).toBe(before);

      const mixed = { initiator: await party('cv'), partner: await party('foreign', 'Singapore') };
      const terms = {
        ...LICENSING,
        governingLanguage: 'en',
        disputeResolution: 'bani',
        arbitrationSeat: 'Jakarta',
        arbitrators: 1,
        arbitrationLanguage: 'en',
      };
      const foreignId = await agreed(mixed, 'licensing', terms);
      const text = await pdf(mixed.initiator, foreignId);
      expect(text).toContain('the English version prevails');
      // The country by name in each language, not its ISO code.
      expect(text).toContain('Kain Studio Pte. Ltd., a business established under the laws of Singapore');
      expect(text).toContain('Kain Studio Pte. Ltd., suatu badan usaha yang didirikan berdasarkan hukum negara Singapura');
    });
  });

  describe('small claims', () => {
    it('parties in different court districts: 422 SMALL_CLAIMS_NOT_AVAILABLE naming why', async () => {
      const p = { initiator: await party('cv', 'Bandung'), partner: await party('ud', 'Surabaya') };
      const id = await negotiating(p, 'licensing');
      const res = await send(t, p.initiator, id, {
        type: 'terms.propose',
        terms: { ...LICENSING, disputeResolution: 'small_claims' },
      }).expect(422);
      expect(res.body).toMatchObject({ code: 'SMALL_CLAIMS_NOT_AVAILABLE', details: { field: 'terms.disputeResolution' } });
      expect(res.body.details.reasons.map((r: { rule: string }) => r.rule)).toEqual(['sameCourtDistrict']);
      expect(res.body.message).toContain('not in one court district (Bandung, ID / Surabaya, ID)');
      expect(res.body.details.reasons[0].basis).toContain('to be confirmed');
    });

    it('a claim over the limit: 422 naming the amount and the Rp500 million limit; within it, offered', async () => {
      const p = { initiator: await party('cv'), partner: await party('individual') };
      const id = await negotiating(p, 'endorsement');
      const over = { ...ENDORSEMENT, disputeResolution: 'small_claims', districtCourt: 'Bandung', fee: 600_000_000 };
      const res = await send(t, p.initiator, id, { type: 'terms.propose', terms: over }).expect(422);
      expect(res.body.details.reasons).toEqual([expect.objectContaining({ rule: 'maxClaim' })]);
      expect(res.body.details.maxClaimRupiah).toBe(500_000_000);
      expect(res.body.message).toContain('Rp600.000.000');
      await send(t, p.initiator, id, { type: 'terms.propose', terms: { ...over, fee: 15_000_000 } }).expect(200);
      await send(t, p.partner, id, { type: 'terms.accept', revision: 1 }).expect(200);
      await eventually(t, p.initiator, id, (v) => Boolean(v.context.agreement?.sha256), 30_000);
      expect(await pdf(p.partner, id)).toContain('gugatan sederhana di Pengadilan Negeri Bandung');
    });

    it('names the court of the parties’ district: another court is 422 naming it', async () => {
      const p = { initiator: await party('cv'), partner: await party('individual') };
      const id = await negotiating(p, 'endorsement');
      const terms = { ...ENDORSEMENT, disputeResolution: 'small_claims', districtCourt: 'Jakarta Selatan' };
      const res = await send(t, p.initiator, id, { type: 'terms.propose', terms }).expect(422);
      expect(res.body.details.reasons.map((r: { rule: string }) => r.rule)).toEqual(['courtOfTheDistrict']);
      expect(res.body.message).toContain('not Pengadilan Negeri Jakarta Selatan');
    });

    it('is checked again on terms.accept: a party that moved since the proposal makes it 422', async () => {
      const p = { initiator: await party('cv'), partner: await party('individual') };
      const id = await negotiating(p, 'endorsement');
      await send(t, p.initiator, id, {
        type: 'terms.propose',
        terms: { ...ENDORSEMENT, disputeResolution: 'small_claims', districtCourt: 'Bandung' },
      }).expect(200);
      await patch(p.partner, { city: 'Jakarta Selatan' }).expect(200);
      const res = await send(t, p.partner, id, { type: 'terms.accept', revision: 1 }).expect(422);
      expect(res.body.code).toBe('SMALL_CLAIMS_NOT_AVAILABLE');
    });
  });
});
