/**
 * Likelihoods of the classifiers: the logistic and softmax links, their gradients and Hessians (for
 * Laplace updates) and tilted moments by Gauss-Hermite quadrature (for assumed-density filtering).
 */
package io.bayesfuse.kernels.learning.likelihood;
