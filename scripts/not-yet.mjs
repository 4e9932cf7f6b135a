// Placeholder for npm scripts whose issue has not landed yet; README lists them.
const [, , script, what] = process.argv;
console.error(`npm run ${script}: not yet available — ${what} has not been built yet.`);
process.exit(1);
