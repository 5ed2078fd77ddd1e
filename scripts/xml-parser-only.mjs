// What `fast-xml-parser` is inside the bundle (scripts/bundle.mjs): clokta reads XML (the SAML
// response, src/saml/assertion.ts) and never writes it, and the package's index also loads its
// XML builder, a fifth of the chunk a login compiles. The AWS SDK reads STS's XML with a parser
// of its own (@aws-sdk/xml-builder), so it does not need the package at all.
export {default as XMLParser} from '../node_modules/fast-xml-parser/src/xmlparser/XMLParser.js'
