/**
 * The 17 Sustainable Development Goals of the UN 2030 Agenda, by number, with
 * their official short names: a theme's front matter names the goals it
 * relates to by number, and publications show the names.
 */
export const SDGS = [
  "No Poverty",
  "Zero Hunger",
  "Good Health and Well-being",
  "Quality Education",
  "Gender Equality",
  "Clean Water and Sanitation",
  "Affordable and Clean Energy",
  "Decent Work and Economic Growth",
  "Industry, Innovation and Infrastructure",
  "Reduced Inequalities",
  "Sustainable Cities and Communities",
  "Responsible Consumption and Production",
  "Climate Action",
  "Life Below Water",
  "Life on Land",
  "Peace, Justice and Strong Institutions",
  "Partnerships for the Goals",
] as const;

export const sdgName = (goal: number): string => SDGS[goal - 1];
