// The Export panel's "whole view" choice of drawing, shared by the menu
// (which keeps the choice) and the panel (which lists the drawings).
export const WHOLE = '__whole__';
