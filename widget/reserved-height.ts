// The widget's height in CSS pixels, reserved by the loader before anything else arrives and
// kept by the rendered widget in every state, so the page below it never moves (CLS 0).
// Its last 20 px hold the «Beri masukan» link to the comment box once the reader has answered.
export const RESERVED_HEIGHT = 356
