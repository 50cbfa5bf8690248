/** Money in whole cents: the unit every amount is kept and compared in (0.29 * 100 is 28.999999999999996). */
export const cents = (funds: number) => Math.round(funds * 100);
