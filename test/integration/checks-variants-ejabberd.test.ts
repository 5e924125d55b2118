import { testCatalogueVariants } from '../helpers/catalogue-variants.js';

testCatalogueVariants('ejabberd');
