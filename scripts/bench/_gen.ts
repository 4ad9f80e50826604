import { writeSyntheticCorpus } from "./synthetic-corpus.js";
console.log(await writeSyntheticCorpus("/work/main/seeds", process.argv[2]!, Number(process.argv[3])));
