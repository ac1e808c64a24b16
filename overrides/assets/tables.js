// Sortable tables: every table.ox-sortable sorts by its cells' data-sort values
// (raw numbers and ISO dates written at build time, so Arabic digits and bidi marks
// in the displayed text never affect the order). Without JavaScript the tables
// simply keep their built order.
document.querySelectorAll("table.ox-sortable").forEach(function (table) {
  new Tablesort(table);
});
