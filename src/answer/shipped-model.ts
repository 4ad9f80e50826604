import shipped from "../../models/answerer.json" with { type: "json" };
import type { AnswerModel } from "./model.js";

/** The model `npm run train` writes from the data in datasets/ (reproducible byte for byte). */
export const shippedAnswerModel = shipped as AnswerModel;
