// npm run docs:api: writes docs/api.md's route table from lib/api/routes.ts.
import { API_PAGE, apiTable } from "./docs/api-page";
import { writeGenerated } from "./docs/generated-section";

await writeGenerated(API_PAGE, apiTable());
console.log(`${API_PAGE}: route table written`);
