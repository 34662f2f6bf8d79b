/** The Vigie console (see the console core issue). */
package io.vigie.console;
