/**
 * A small shop on Weld SE, written from the README alone as a Django developer would write it: a
 * welcome mail with an HTML version and a PDF ({@link org.cdimail.example.shop.Signup}), a
 * password reset sent through a second alias ({@link org.cdimail.example.shop.PasswordReset}),
 * errors mailed to the admins ({@link org.cdimail.example.shop.ErrorReporter}), and a
 * {@link org.cdimail.example.shop.Shop} main class that starts the CDI container.
 */
package org.cdimail.example.shop;
