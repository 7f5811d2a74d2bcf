export { explainNode } from './explain-node.js';
export { explainAgreement, explainDocument } from './explain-document.js';
export { formatAllowance } from './allowance.js';
export { GLOSSARY, glossaryForKeyword, glossaryMarkdown } from './glossary.js';
