// For template authors: node test/support/render-sample.mjs <form> — checks the template (variables, sample) and
// renders its sample to /tmp/<form>-{bilingual,id,en}.pdf. Needs a build first (npm run build).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { renderAgreementPdf } from '../../dist/src/agreements/pdf-layout.js';
import { loadTemplate, TemplateRegistry } from '../../dist/src/agreements/template-registry.js';

const form = process.argv[2];
const template = loadTemplate(form);
const registry = new TemplateRegistry();
const document = registry.document(template, template.sample, new Date(`${template.sample.agreement.date}T00:00:00Z`));
for (const lang of ['bilingual', 'id', 'en']) {
  writeFileSync(`/tmp/${form}-${lang}.pdf`, await renderAgreementPdf(document, lang));
}
console.log(`${template.ref}: ${document.clauses.length} clauses; /tmp/${form}-bilingual.pdf, -id.pdf, -en.pdf`);
